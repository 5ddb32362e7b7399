using ChatCare.Understanding.Knowledge;

namespace ChatCare.Core.Tests;

public sealed class KnowledgeBaseLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatcare-kb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    [Fact]
    public void Load_BadYamlFile_IsReportedByNameAndLineAndOthersStillLoad()
    {
        Write("good.md", "---\nid: hours\nlang: es\ntitle: Horario\nquestions:\n  - ¿A qué hora abren?\ntags: [stores]\n---\nDe 9:00 a 18:00.\n");
        Write("broken.md", "---\nid: broken\nlang: es\nquestions:\n  - una\ntitle: a: b\n---\nTexto\n");

        var result = KnowledgeBaseLoader.Load(_folder);

        var entry = Assert.Single(result.Entries);
        Assert.Equal("hours", entry.Id);
        Assert.Equal("Horario", entry.Title);
        Assert.Equal("De 9:00 a 18:00.", entry.Answer);
        var issue = Assert.Single(result.Issues);
        Assert.Equal("broken.md", issue.File);
        Assert.Equal(6, issue.Line);
    }

    [Theory]
    [InlineData("---\nlang: es\nquestions: [a]\n---\nx", "'id' is missing.")]
    [InlineData("---\nid: a\nlang: pt\nquestions: [a]\n---\nx", "'lang' must be 'es' or 'en' (found 'pt').")]
    [InlineData("---\nid: a\nlang: es\n---\nx", "'questions' needs at least one example phrasing.")]
    [InlineData("---\nid: a\nlang: es\nquestions: [a]\n---\n", "The answer (the body after the front matter) is empty.")]
    [InlineData("id: a\n", "The file must start with '---' and YAML front matter.")]
    [InlineData("---\nid: a\nlang: es\nquestion: [a]\n---\nx", null)]
    public void Parse_InvalidFile_ExplainsWhatIsWrong(string text, string? expected)
    {
        var (entry, issue) = KnowledgeBaseLoader.Parse("f.md", text);

        Assert.Null(entry);
        Assert.NotNull(issue);
        if (expected is not null)
        {
            Assert.Equal(expected, issue.Message);
        }
    }

    [Fact]
    public void Load_SameIdAndLanguageTwice_KeepsTheFirstAndReportsTheSecond()
    {
        Write("a.md", "---\nid: x\nlang: en\nquestions: [q]\n---\nA");
        Write("b.md", "---\nid: x\nlang: en\nquestions: [q]\n---\nB");

        var result = KnowledgeBaseLoader.Load(_folder);

        Assert.Equal("A", Assert.Single(result.Entries).Answer);
        Assert.Equal("b.md", Assert.Single(result.Issues).File);
    }

    [Fact]
    public void ShippedSample_HasAtLeastThirtyEntriesPerLanguageWithTheSameIds()
    {
        var result = KnowledgeBaseLoader.Load(Path.Combine(AppContext.BaseDirectory, "prompts", "knowledge"));

        Assert.Empty(result.Issues);
        var spanish = result.Entries.Where(e => e.Language == "es").Select(e => e.Id).Order().ToList();
        var english = result.Entries.Where(e => e.Language == "en").Select(e => e.Id).Order().ToList();
        Assert.True(spanish.Count >= 30, $"{spanish.Count} Spanish entries");
        Assert.Equal(spanish, english);
    }
}
