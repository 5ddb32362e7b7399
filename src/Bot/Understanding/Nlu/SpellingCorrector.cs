using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ChatCare.Understanding.Nlu;

/// <summary>
/// Corrects typos against the training vocabulary: a folded token that the training texts of its language never use
/// (and that is long enough to carry a typo) becomes the closest known word within one or two edits
/// (insertions, deletions, substitutions, adjacent transpositions), ties going to the word more utterances use.
/// When the language has a <see cref="Lexicon"/>, a real word of the language is not a typo: it is never edited into a
/// different word ("pinto" stays "pinto", not "punto"), only into a known inflection of the same dictionary stem within
/// the same edits ("cancelen" → "cancelar", which the light stemmer alone does not join), or else left as it is.
/// </summary>
/// <remarks>
/// Candidates come from a symmetric-delete index (the SymSpell idea): every known word is stored under each string
/// obtained by deleting up to two of its characters, so a lookup only hashes the deletions of the token — a few
/// microseconds, where Lucene's Levenshtein automata (FuzzyTermsEnum, the core of its DirectSpellChecker) cost
/// 0.15–0.9 ms per unknown word, several times the per-message budget. Immutable after <see cref="Build"/> apart from
/// a bounded concurrent cache, so one instance serves every thread.
/// </remarks>
public sealed class SpellingCorrector
{
    private const int MaxEdits = 2;
    // Bounds the cache so that a stream of random words cannot grow it without limit.
    private const int CacheCapacity = 50_000;

    private readonly FrozenDictionary<string, Vocabulary> _languages;
    private readonly ConcurrentDictionary<(string Language, string Token), string> _cache = new();

    private SpellingCorrector(FrozenDictionary<string, Vocabulary> languages) => _languages = languages;

    /// <summary>Tokens shorter than this are left alone: too many short words are one edit apart.</summary>
    public const int MinimumLength = 4;

    /// <summary>
    /// Tokens of this length or longer may be two edits from their correction; shorter ones only one
    /// (two edits on shorter words turned too many valid out-of-vocabulary words into unrelated known ones on the dev set).
    /// </summary>
    public const int TwoEditsFromLength = 8;

    /// <summary>
    /// Builds a corrector from folded, space-separated texts per language (one per training utterance; how many texts use
    /// a word breaks ties between equally close candidates).
    /// </summary>
    /// <param name="texts">Folded training texts with their language.</param>
    /// <param name="lexicons">The words of each language that has a dictionary (see <see cref="Lexicon"/>), or null for none.</param>
    public static SpellingCorrector Build(IEnumerable<(string Language, string FoldedText)> texts,
        IReadOnlyDictionary<string, Lexicon>? lexicons = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (language, text) in texts)
        {
            if (!counts.TryGetValue(language, out var words))
            {
                counts[language] = words = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
            {
                words[word] = words.GetValueOrDefault(word) + 1;
            }
        }
        // One vocabulary per language, so a Spanish typo is never "corrected" into an English word.
        return new SpellingCorrector(counts.ToFrozenDictionary(c => c.Key, c => new Vocabulary(c.Value, lexicons?.GetValueOrDefault(c.Key)), StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="token"/> occurs in the training texts of <paramref name="language"/>.</summary>
    public bool IsKnown(string token, string language) =>
        _languages.TryGetValue(language, out var vocabulary) && vocabulary.Frequency.ContainsKey(token);

    /// <summary><paramref name="token"/> (folded), or the closest known word of <paramref name="language"/> when it is unknown.</summary>
    public string Correct(string token, string language)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length < MinimumLength || !_languages.TryGetValue(language, out var vocabulary) || vocabulary.Frequency.ContainsKey(token)
            || token.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return token;
        }
        if (_cache.TryGetValue((language, token), out var cached))
        {
            return cached;
        }
        var maxEdits = token.Length >= TwoEditsFromLength ? 2 : 1;
        // A real word is not a typo: it may only become a close known word of the same dictionary stem (an inflection).
        var corrected = (vocabulary.Lexicon?.Contains(token) == true
            ? vocabulary.ClosestInflection(token, maxEdits)
            : vocabulary.Closest(token, maxEdits, null)) ?? token;
        if (_cache.Count < CacheCapacity)
        {
            _cache.TryAdd((language, token), corrected);
        }
        return corrected;
    }

    /// <summary>
    /// Known words, how many texts use each, the symmetric-delete index over them, and, with a lexicon, their dictionary stems.
    /// </summary>
    private sealed class Vocabulary
    {
        private readonly FrozenDictionary<string, string[]> _byDeletion;
        // The dictionary stems of each known word (none without a lexicon).
        private readonly FrozenDictionary<string, IReadOnlyList<string>> _stems;

        public Vocabulary(Dictionary<string, int> frequency, Lexicon? lexicon)
        {
            Frequency = frequency.ToFrozenDictionary(StringComparer.Ordinal);
            Lexicon = lexicon;
            _stems = lexicon is null
                ? FrozenDictionary<string, IReadOnlyList<string>>.Empty
                : frequency.Keys.ToFrozenDictionary(w => w, lexicon.Stems, StringComparer.Ordinal);
            var byDeletion = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var word in frequency.Keys.Where(w => w.Length >= MinimumLength - 1))
            {
                foreach (var deletion in Deletions(word, MaxEdits))
                {
                    if (!byDeletion.TryGetValue(deletion, out var words))
                    {
                        byDeletion[deletion] = words = [];
                    }
                    words.Add(word);
                }
            }
            _byDeletion = byDeletion.ToFrozenDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal);
        }

        public FrozenDictionary<string, int> Frequency { get; }

        public Lexicon? Lexicon { get; }

        /// <summary>The closest known word within <paramref name="maxEdits"/> that shares a dictionary stem with <paramref name="word"/>.</summary>
        public string? ClosestInflection(string word, int maxEdits)
        {
            var stems = Lexicon!.Stems(word);
            return stems.Count == 0 ? null : Closest(word, maxEdits, known => _stems.TryGetValue(known, out var s) && s.Any(stems.Contains));
        }

        public string? Closest(string token, int maxEdits, Func<string, bool>? accept)
        {
            string? best = null;
            var bestDistance = maxEdits + 1;
            var bestFrequency = 0;
            foreach (var deletion in Deletions(token, maxEdits))
            {
                if (!_byDeletion.TryGetValue(deletion, out var words))
                {
                    continue;
                }
                foreach (var word in words)
                {
                    if (Math.Abs(word.Length - token.Length) > maxEdits || ReferenceEquals(word, best))
                    {
                        continue;
                    }
                    var distance = Distance(token, word, bestDistance);
                    if (distance > maxEdits)
                    {
                        continue;
                    }
                    var frequency = Frequency[word];
                    if ((distance < bestDistance || (distance == bestDistance && (frequency > bestFrequency
                        || (frequency == bestFrequency && string.CompareOrdinal(word, best) < 0))))
                        && (accept is null || accept(word)))
                    {
                        (best, bestDistance, bestFrequency) = (word, distance, frequency);
                    }
                }
            }
            return best;
        }

        /// <summary>The word and every string made by deleting up to <paramref name="edits"/> of its characters.</summary>
        private static HashSet<string> Deletions(string word, int edits)
        {
            var result = new HashSet<string>(StringComparer.Ordinal) { word };
            var frontier = new List<string> { word };
            for (var e = 0; e < edits; e++)
            {
                var next = new List<string>();
                foreach (var s in frontier.Where(s => s.Length > 1))
                {
                    for (var i = 0; i < s.Length; i++)
                    {
                        var d = string.Concat(s.AsSpan(0, i), s.AsSpan(i + 1));
                        if (result.Add(d))
                        {
                            next.Add(d);
                        }
                    }
                }
                frontier = next;
            }
            return result;
        }

        /// <summary>
        /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions); any value ≥ <paramref name="limit"/>
        /// means "too far".
        /// </summary>
        private static int Distance(string a, string b, int limit)
        {
            Span<int> previous2 = stackalloc int[b.Length + 1];
            Span<int> previous = stackalloc int[b.Length + 1];
            Span<int> current = stackalloc int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                var rowMin = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        value = Math.Min(value, previous2[j - 2] + 1);
                    }
                    current[j] = value;
                    rowMin = Math.Min(rowMin, value);
                }
                if (rowMin >= limit)
                {
                    return limit;
                }
                var spare = previous2;
                previous2 = previous;
                previous = current;
                current = spare;
            }
            return previous[b.Length];
        }
    }
}
