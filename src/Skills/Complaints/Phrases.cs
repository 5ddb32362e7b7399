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
    /// <summary>Whether <paramref name="text"/> is one of the phrases of <paramref name="key"/>.</summary>
    public bool Matches(string text, string key, string language)
    {
        var normalised = Normalise(text);
        return normalised.Length > 0 && messages.Get(key, language).Split('|').Any(p => Normalise(p) == normalised);
    }

    /// <summary>Whether <paramref name="text"/> contains one of the phrases of <paramref name="key"/> as whole words.</summary>
    public bool Contains(string text, string key, string language)
    {
        var normalised = $" {Normalise(text)} ";
        return messages.Get(key, language).Split('|').Select(Normalise).Any(p => p.Length > 0 && normalised.Contains($" {p} ", StringComparison.Ordinal));
    }

    /// <summary>Lower case, without accents or punctuation, single-spaced.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
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
