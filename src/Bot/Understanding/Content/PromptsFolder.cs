namespace ChatCare.Understanding.Content;

/// <summary>Finds the <c>prompts/</c> folder: configured, next to the executable, or up from the working directory.</summary>
public static class PromptsFolder
{
    /// <summary>The prompts folder, or a clear error naming where it was looked for.</summary>
    /// <exception cref="DirectoryNotFoundException">No prompts folder was found.</exception>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"ChatCare:PromptsPath '{configured}' does not exist.");
        }

        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "prompts") };
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "prompts"));
        }
        return candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, "messages")))
            ?? throw new DirectoryNotFoundException($"No prompts folder found (looked in: {string.Join(", ", candidates.Take(4))}). Set ChatCare:PromptsPath.");
    }
}
