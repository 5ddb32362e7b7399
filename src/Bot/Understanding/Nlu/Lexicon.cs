using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ChatCare.Understanding.Nlu;

/// <summary>
/// The words of a language, read from a Hunspell dictionary (<c>.dic</c> stems with affix flags, <c>.aff</c> prefix and
/// suffix rules), in the folded form the pipeline uses (lower case, no accents). It answers two questions for the
/// spelling corrector: is this a real word (then it is not a typo), and which dictionary stems (lemmas) does it
/// inflect — so "cancelen" can still meet "cancelar" of the training texts while "pinto" never becomes "punto".
/// </summary>
/// <remarks>
/// Words are recognised by stripping affixes, as Hunspell checks them, instead of expanding every form (the Spanish
/// dictionary expands to some 600,000 folded forms): up to two suffixes (the inner rule's continuation flags allow the
/// outer one), and a prefix combined with those when both rules allow cross products. Directives other than the
/// affix rules (compounding, NEEDAFFIX, …) are ignored; the Spanish dictionary uses none. Folding can make a
/// condition slightly more permissive than Hunspell's ("[áé]" becomes "[ae]"), which is harmless for this use.
/// Immutable after loading, so one instance serves every thread.
/// </remarks>
public sealed class Lexicon
{
    private readonly FrozenDictionary<string, string> _stems;
    private readonly FrozenDictionary<string, AffixRule[]> _suffixesByAffix;
    private readonly AffixRule[] _prefixes;
    private readonly int _longestSuffix;
    // Flags that some rule allows as a second suffix: only these are worth a second stripping.
    private readonly FrozenSet<char> _outerFlags;

    private Lexicon(Dictionary<string, string> stems, List<AffixRule> suffixes, List<AffixRule> prefixes)
    {
        _stems = stems.ToFrozenDictionary(StringComparer.Ordinal);
        _suffixesByAffix = suffixes.GroupBy(r => r.Affix, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _longestSuffix = suffixes.Count == 0 ? 0 : suffixes.Max(r => r.Affix.Length);
        _prefixes = [.. prefixes];
        _outerFlags = suffixes.SelectMany(r => r.Continuation).ToFrozenSet();
    }

    /// <summary>How many stems the dictionary has.</summary>
    public int StemCount => _stems.Count;

    /// <summary>Loads a Hunspell dictionary pair.</summary>
    public static Lexicon Load(string affixPath, string dictionaryPath)
    {
        using var affix = new StreamReader(affixPath, Encoding.UTF8);
        using var dictionary = new StreamReader(dictionaryPath, Encoding.UTF8);
        return Load(affix, dictionary);
    }

    /// <summary>Loads a Hunspell dictionary pair (UTF-8, one-character flags: <c>FLAG UTF-8</c> or the default).</summary>
    /// <exception cref="InvalidDataException">An affix rule is malformed.</exception>
    public static Lexicon Load(TextReader affix, TextReader dictionary)
    {
        ArgumentNullException.ThrowIfNull(affix);
        ArgumentNullException.ThrowIfNull(dictionary);
        var suffixes = new List<AffixRule>();
        var prefixes = new List<AffixRule>();
        var pending = 0;
        var crossProduct = false;
        for (var line = affix.ReadLine(); line is not null; line = affix.ReadLine())
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[0] is not ("SFX" or "PFX"))
            {
                continue;
            }
            if (pending == 0)
            {
                // Header: SFX flag cross-product count.
                crossProduct = fields[2] == "Y";
                pending = int.Parse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture);
                continue;
            }
            pending--;
            var isSuffix = fields[0] == "SFX";
            var slash = fields[3].IndexOf('/', StringComparison.Ordinal);
            var affixText = slash < 0 ? fields[3] : fields[3][..slash];
            var rule = new AffixRule(
                Flag: fields[1][0],
                Strip: fields[2] == "0" ? "" : Fold(fields[2]),
                Affix: affixText == "0" ? "" : Fold(affixText),
                Continuation: slash < 0 ? "" : fields[3][(slash + 1)..],
                Condition: Condition.Parse(fields.Length > 4 ? Fold(fields[4]) : "."),
                CrossProduct: crossProduct);
            (isSuffix ? suffixes : prefixes).Add(rule);
        }

        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        // The first line is the entry count.
        dictionary.ReadLine();
        for (var line = dictionary.ReadLine(); line is not null; line = dictionary.ReadLine())
        {
            var entry = line.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            if (entry.Length == 0)
            {
                continue;
            }
            var slash = entry[0].IndexOf('/', StringComparison.Ordinal);
            var word = Fold(slash < 0 ? entry[0] : entry[0][..slash]);
            var flags = slash < 0 ? "" : entry[0][(slash + 1)..];
            // Folding merges a few stems ("mamá", "mama"): their flags are merged too.
            stems[word] = stems.TryGetValue(word, out var known) ? known + flags : flags;
        }
        return new Lexicon(stems, suffixes, prefixes);
    }

    /// <summary>Lower case without accents, as the pipeline's folding gives ("Contraseña" → "contrasena").</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="word"/> (folded) is a word of the language: a stem, or a stem with affixes.</summary>
    public bool Contains(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return false;
        }
        if (Stems(word).Count > 0)
        {
            return true;
        }
        foreach (var prefix in _prefixes)
        {
            if (!word.StartsWith(prefix.Affix, StringComparison.Ordinal) || word.Length == prefix.Affix.Length)
            {
                continue;
            }
            var candidate = prefix.Strip + word[prefix.Affix.Length..];
            if (!prefix.Condition.MatchesStart(candidate))
            {
                continue;
            }
            if (HasFlag(candidate, prefix.Flag) || (prefix.CrossProduct && SuffixStems(candidate, prefix.Flag, null).Count > 0))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The dictionary stems (folded) that <paramref name="word"/> is or inflects with suffixes ("cancelen" → "cancelar");
    /// empty when it is none. Prefixed derivations are left out: "envuelven" and "devuelven" are different words.
    /// </summary>
    public IReadOnlyList<string> Stems(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stems = SuffixStems(word, null, null);
        if (_stems.ContainsKey(word) && !stems.Contains(word))
        {
            stems.Insert(0, word);
        }
        return stems;
    }

    private bool HasFlag(string stem, char flag) => _stems.TryGetValue(stem, out var flags) && flags.Contains(flag, StringComparison.Ordinal);

    /// <summary>
    /// Stems from which <paramref name="word"/> follows by one suffix rule, or by two (the inner rule allowing the outer
    /// one). <paramref name="stemFlag"/>, when given, must also be on the stem (a prefix's flag); <paramref name="outerFlag"/>,
    /// when given, restricts to one level whose rule allows that outer suffix.
    /// </summary>
    private List<string> SuffixStems(string word, char? stemFlag, char? outerFlag)
    {
        var found = new List<string>();
        for (var length = 0; length <= Math.Min(_longestSuffix, word.Length - 1); length++)
        {
            if (!_suffixesByAffix.TryGetValue(word[^length..], out var rules))
            {
                continue;
            }
            var rest = word[..^length];
            foreach (var rule in rules)
            {
                if ((outerFlag is { } outer && !rule.Continuation.Contains(outer, StringComparison.Ordinal))
                    || (stemFlag is not null && !rule.CrossProduct))
                {
                    continue;
                }
                var candidate = rest + rule.Strip;
                if (candidate.Length == 0 || !rule.Condition.MatchesEnd(candidate))
                {
                    continue;
                }
                if (HasFlag(candidate, rule.Flag) && (stemFlag is not { } f || HasFlag(candidate, f)))
                {
                    Add(found, candidate);
                }
                if (outerFlag is null && _outerFlags.Contains(rule.Flag))
                {
                    // The candidate may itself be a suffixed form whose rule allows this one as a second suffix.
                    foreach (var stem in SuffixStems(candidate, stemFlag, rule.Flag))
                    {
                        Add(found, stem);
                    }
                }
            }
        }
        return found;

        static void Add(List<string> list, string stem)
        {
            if (!list.Contains(stem))
            {
                list.Add(stem);
            }
        }
    }

    private sealed record AffixRule(char Flag, string Strip, string Affix, string Continuation, Condition Condition, bool CrossProduct);

    /// <summary>A Hunspell affix condition: a sequence of characters, '.', and bracketed (possibly negated) sets.</summary>
    private sealed class Condition
    {
        private static readonly Condition Any = new([]);
        private readonly (string Chars, bool Negated)?[] _positions;

        private Condition((string Chars, bool Negated)?[] positions) => _positions = positions;

        public static Condition Parse(string pattern)
        {
            if (pattern == ".")
            {
                return Any;
            }
            var positions = new List<(string, bool)?>();
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '.')
                {
                    positions.Add(null);
                }
                else if (pattern[i] == '[')
                {
                    var end = pattern.IndexOf(']', i);
                    if (end < 0)
                    {
                        throw new InvalidDataException($"Unclosed '[' in affix condition '{pattern}'.");
                    }
                    var negated = end > i + 1 && pattern[i + 1] == '^';
                    positions.Add((pattern[(i + (negated ? 2 : 1))..end], negated));
                    i = end;
                }
                else
                {
                    positions.Add((pattern[i].ToString(), false));
                }
            }
            return new Condition([.. positions]);
        }

        public bool MatchesEnd(string word) => word.Length >= _positions.Length && Matches(word, word.Length - _positions.Length);

        public bool MatchesStart(string word) => word.Length >= _positions.Length && Matches(word, 0);

        private bool Matches(string word, int offset)
        {
            for (var i = 0; i < _positions.Length; i++)
            {
                if (_positions[i] is { } set && set.Chars.Contains(word[offset + i], StringComparison.Ordinal) == set.Negated)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
