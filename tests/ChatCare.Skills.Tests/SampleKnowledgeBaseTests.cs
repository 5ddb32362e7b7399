using System.Text.RegularExpressions;
using ChatCare.Understanding.Knowledge;

namespace ChatCare.Skills.Tests;

public sealed partial class SampleKnowledgeBaseTests
{
    // Common markers of the informal "tú", matched as whole words without case. The sample answers are shown as they are
    // whatever ChatCare:FormalRegister says, so they are written in "usted", the default register. Third-person forms that
    // look the same ("el técnico lo revisa") are flagged too: rephrase them.
    [GeneratedRegex(@"(?<!\p{L})(puedes|tienes|quieres|necesitas|debes|escribe|ingresa|revisa|contáctanos|escríbenos|tu|tus|te|ti|contigo)(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TuMarker();

    [Fact]
    public void SampleSpanishKnowledgeBase_AddressesCustomersAsUsted() // STD-G3
    {
        var result = KnowledgeBaseLoader.Load(Path.Combine(AppContext.BaseDirectory, "prompts", "knowledge"));
        var spanish = result.Entries.Where(e => e.Language == "es").ToList();

        var found = spanish
            .SelectMany(e => TuMarker().Matches(e.Answer).Select(m => $"{e.Id}: \"{m.Value}\""))
            .ToList();

        Assert.NotEmpty(spanish);
        Assert.True(found.Count == 0, "Spanish sample answers that address the customer as tú:\n" + string.Join("\n", found));
    }
}
