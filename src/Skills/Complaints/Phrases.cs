using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ChatCare.Core.Messages;

namespace ChatCare.Skills.Complaints;

/// <summary>
/// Matches short control answers ("cancelar", "pausar", a button label) against word lists kept in <c>prompts/messages</c>
/// (values separated by <c>|</c>), ignoring case, accents and punctuation.
/// </summary>
public sealed class Phrases(IMessageCatalog messages)
{
    // Normalised word lists by their text in the catalogue: several skills ask on every message, the lists rarely change.
    private readonly ConcurrentDictionary<string, string[]> _lists = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="text"/> is one of the phrases of <paramref name="key"/>.</summary>
    public bool Matches(string text, string key, string language)
    {
        var normalised = Normalise(text);
        return normalised.Length > 0 && List(key, language).Contains(normalised, StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="text"/> contains one of the phrases of <paramref name="key"/> as whole words.</summary>
    public bool Contains(string text, string key, string language)
    {
        var normalised = $" {Normalise(text)} ";
        return List(key, language).Any(p => normalised.Contains($" {p} ", StringComparison.Ordinal));
    }

    private string[] List(string key, string language) =>
        _lists.GetOrAdd(messages.Get(key, language), list => [.. list.Split('|').Select(Normalise).Where(p => p.Length > 0)]);

    /// <summary>Lower case, without accents or punctuation, single-spaced.</summary>
    /// <remarks>Several skills check one message in a turn, on one thread as a rule: the last result per thread is reused.</remarks>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (t_last is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Normalised;
        }
        var normalised = NormaliseNow(text);
        t_last = (text, normalised);
        return normalised;
    }

    [ThreadStatic]
    private static (string Text, string Normalised)? t_last;

    private static string NormaliseNow(string text)
    {
        var builder = new StringBuilder(text.Length);
        // Decomposing (to drop the accents) is the expensive part, and plain ASCII has nothing to decompose.
        foreach (var c in Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
