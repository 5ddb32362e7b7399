using ChatCare.Core.Knowledge;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatCare.Understanding.Knowledge;

/// <summary>
/// Loads a folder of Markdown files with YAML front matter (<c>id</c>, <c>lang</c>, <c>questions</c>, optional <c>title</c>, <c>tags</c>).
/// A bad file is reported by name and line and skipped; the others still load.
/// </summary>
public static class KnowledgeBaseLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Loads every <c>*.md</c> file below <paramref name="folder"/>.</summary>
    public static KnowledgeLoadResult Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new([], [new KnowledgeLoadIssue(folder, 0, "The knowledge folder does not exist.")]);
        }

        var entries = new List<KnowledgeEntry>();
        var issues = new List<KnowledgeLoadIssue>();
        var seen = new HashSet<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file);
            if (Path.GetFileName(file).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var result = Parse(relative, File.ReadAllText(file));
            if (result.Issue is not null)
            {
                issues.Add(result.Issue);
            }
            else if (!seen.Add((result.Entry!.Id, result.Entry.Language)))
            {
                issues.Add(new(relative, 2, $"Duplicate id '{result.Entry.Id}' for language '{result.Entry.Language}'; this file was skipped."));
            }
            else
            {
                entries.Add(result.Entry);
            }
        }
        return new(entries, issues);
    }

    /// <summary>Parses one file's text; <paramref name="source"/> names it in issues.</summary>
    public static (KnowledgeEntry? Entry, KnowledgeLoadIssue? Issue) Parse(string source, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return (null, new(source, 1, "The file must start with '---' and YAML front matter."));
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            return (null, new(source, lines.Length, "The front matter is not closed with '---'."));
        }

        FrontMatter? front;
        try
        {
            front = Yaml.Deserialize<FrontMatter>(string.Join('\n', lines[1..end]));
        }
        catch (YamlException ex)
        {
            // +1: the front matter starts on the file's second line.
            var line = (int)ex.Start.Line + 1;
            return (null, new(source, line, $"Invalid front matter: {(ex.InnerException ?? ex).Message}"));
        }

        var answer = string.Join('\n', lines[(end + 1)..]).Trim();
        var problem = front switch
        {
            null => "The front matter is empty.",
            { Id: null or "" } => "'id' is missing.",
            { Lang: not ("es" or "en") } => $"'lang' must be 'es' or 'en' (found '{front.Lang}').",
            { Questions: null or { Count: 0 } } => "'questions' needs at least one example phrasing.",
            _ when answer.Length == 0 => "The answer (the body after the front matter) is empty.",
            _ => null,
        };
        if (problem is not null)
        {
            return (null, new(source, answer.Length == 0 && front is { Id.Length: > 0 } ? end + 2 : 2, problem));
        }

        var questions = front!.Questions!.Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q.Trim()).ToList();
        var title = string.IsNullOrWhiteSpace(front.Title) ? questions[0] : front.Title.Trim();
        return (new KnowledgeEntry(front.Id!.Trim(), front.Lang!, title, questions, front.Tags ?? [], answer, source), null);
    }

    private sealed class FrontMatter
    {
        public string? Id { get; set; }
        public string? Lang { get; set; }
        public string? Title { get; set; }
        public List<string>? Questions { get; set; }
        public List<string>? Tags { get; set; }
    }
}

/// <summary>The entries that loaded and the problems found.</summary>
/// <param name="Entries">Valid entries.</param>
/// <param name="Issues">Problems, each with its file and line.</param>
public sealed record KnowledgeLoadResult(IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyList<KnowledgeLoadIssue> Issues);

/// <summary>A problem in one knowledge file.</summary>
/// <param name="File">The file, relative to the knowledge folder.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Message">What is wrong.</param>
public sealed record KnowledgeLoadIssue(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";
}
