using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ChatCare.Understanding.Nlu;

/// <summary>
/// Corrects typos against the training vocabulary: a folded token that the training texts of its language never use
/// (and that is long enough to carry a typo) becomes the closest known word within one or two edits
/// (insertions, deletions, substitutions, adjacent transpositions), ties going to the word more utterances use.
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
    public static SpellingCorrector Build(IEnumerable<(string Language, string FoldedText)> texts)
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
        return new SpellingCorrector(counts.ToFrozenDictionary(c => c.Key, c => new Vocabulary(c.Value), StringComparer.Ordinal));
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
        var corrected = vocabulary.Closest(token, token.Length >= TwoEditsFromLength ? 2 : 1) ?? token;
        if (_cache.Count < CacheCapacity)
        {
            _cache.TryAdd((language, token), corrected);
        }
        return corrected;
    }

    /// <summary>Known words, how many texts use each, and the symmetric-delete index over them.</summary>
    private sealed class Vocabulary
    {
        private readonly FrozenDictionary<string, string[]> _byDeletion;

        public Vocabulary(Dictionary<string, int> frequency)
        {
            Frequency = frequency.ToFrozenDictionary(StringComparer.Ordinal);
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

        public string? Closest(string token, int maxEdits)
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
                    if (distance < bestDistance || (distance == bestDistance && (frequency > bestFrequency
                        || (frequency == bestFrequency && string.CompareOrdinal(word, best) < 0))))
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
