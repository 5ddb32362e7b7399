using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ChatCare.Understanding.Nlu;

/// <summary>
/// Turns text into the two views the classifier reads, with Lucene.Net's analyzers:
/// <list type="bullet">
/// <item>stems: tokenised, lower-cased, accents folded, regional synonyms mapped to one word (Peru, Mexico, Spain), then stemmed
/// (Spanish light stemmer, English Porter) — so "devolví", "devolver" and "devolucion" meet;</item>
/// <item>folded: the same tokens before synonyms and stemming, whose character n-grams absorb typos.</item>
/// </list>
/// Analyzers reuse their token streams per thread, so one instance serves every turn.
/// </summary>
public sealed class TextNormalizer : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private readonly Dictionary<string, Analyzer> _stemmers;
    private readonly Analyzer _folder = new FoldingAnalyzer();

    /// <summary>Creates a normalizer; <paramref name="synonymsByLanguage"/> holds Solr-format synonym rules per language.</summary>
    public TextNormalizer(IReadOnlyDictionary<string, string>? synonymsByLanguage = null)
    {
        SynonymMap? Synonyms(string lang) =>
            synonymsByLanguage is not null && synonymsByLanguage.TryGetValue(lang, out var rules) && !string.IsNullOrWhiteSpace(rules)
                ? ParseSynonyms(rules)
                : null;
        SynonymWords = synonymsByLanguage is null
            ? FrozenDictionary<string, IReadOnlyList<string>>.Empty
            : synonymsByLanguage.ToFrozenDictionary(s => s.Key, s => (IReadOnlyList<string>)SynonymTerms(s.Value), StringComparer.Ordinal);
        _stemmers = new(StringComparer.Ordinal)
        {
            ["es"] = new StemmingAnalyzer(Synonyms("es"), ts => new SpanishLightStemFilter(ts)),
            ["en"] = new StemmingAnalyzer(Synonyms("en"), ts => new PorterStemFilter(new EnglishPossessiveFilter(Version, ts))),
        };
    }

    /// <summary>Both views of <paramref name="text"/> for <paramref name="language"/>.</summary>
    public NormalizedText Normalize(string text, string language) => Normalize(text, language, null);

    /// <summary>Both views of <paramref name="text"/> for <paramref name="language"/>, typos corrected by <paramref name="speller"/> first.</summary>
    public NormalizedText Normalize(string text, string language, SpellingCorrector? speller) =>
        Normalize(Tokens(_folder, text), language, speller);

    /// <summary>Both views from the folded tokens of a text (as <see cref="FoldedTokens"/> gives them), typos corrected first.</summary>
    public NormalizedText Normalize(IReadOnlyList<string> foldedTokens, string language, SpellingCorrector? speller)
    {
        ArgumentNullException.ThrowIfNull(foldedTokens);
        var analyzer = _stemmers.TryGetValue(language, out var a) ? a : _stemmers["es"];
        if (foldedTokens.Count == 0)
        {
            return new NormalizedText("", "");
        }
        var folded = speller is null
            ? string.Join(' ', foldedTokens)
            : string.Join(' ', foldedTokens.Select(t => speller.Correct(t, language)));
        // Folding is idempotent, so the stemmer reads the (corrected) folded text instead of analysing the raw text again.
        return new NormalizedText(Join(analyzer, folded), folded);
    }

    /// <summary>The words and phrases (folded) of the synonym rules per language: regional words the classifier understands.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SynonymWords { get; }

    /// <summary>Lower-cased, accent-free tokens of <paramref name="text"/>.</summary>
    /// <remarks>
    /// One message is folded several times in its turn (language, understanding, the crisis check), on the same thread
    /// as a rule, so the last result of each thread is kept and reused while the text is the same.
    /// </remarks>
    public IReadOnlyList<string> FoldedTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (t_lastFolded is { } last && ReferenceEquals(last.Normalizer, this) && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Tokens;
        }
        string[] tokens = [.. Tokens(_folder, text)];
        t_lastFolded = new LastFolded(this, text, Array.AsReadOnly(tokens));
        return t_lastFolded.Tokens;
    }

    [ThreadStatic]
    private static LastFolded? t_lastFolded;

    private sealed record LastFolded(TextNormalizer Normalizer, string Text, IReadOnlyList<string> Tokens);

    private static string Join(Analyzer analyzer, string text)
    {
        var tokens = Tokens(analyzer, text);
        return tokens.Count == 0 ? "" : string.Join(' ', tokens);
    }

    private static List<string> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }
        stream.End();
        return tokens;
    }

    private List<string> SynonymTerms(string rules) =>
        [.. rules.Split('\n')
            .Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => line.Split([",", "=>"], StringSplitOptions.RemoveEmptyEntries))
            .Select(term => string.Join(' ', Tokens(_folder, term)))
            .Where(term => term.Length > 0)];

    private static SynonymMap ParseSynonyms(string rules)
    {
        using var analyzer = new FoldingAnalyzer();
        var parser = new SolrSynonymParser(dedup: true, expand: false, analyzer);
        using var reader = new StringReader(rules);
        parser.Parse(reader);
        return parser.Build();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _folder.Dispose();
        foreach (var analyzer in _stemmers.Values)
        {
            analyzer.Dispose();
        }
    }

    private static ASCIIFoldingFilter Fold(Tokenizer source) => new ASCIIFoldingFilter(new LowerCaseFilter(Version, source));

    private sealed class FoldingAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, Fold(source));
        }
    }

    private sealed class StemmingAnalyzer(SynonymMap? synonyms, Func<TokenStream, TokenStream> stem) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = Fold(source);
            if (synonyms is not null)
            {
                stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
            }
            return new TokenStreamComponents(source, stem(stream));
        }
    }
}

/// <summary>The classifier's two views of a text.</summary>
/// <param name="Stems">Stemmed tokens with synonyms applied, space-separated.</param>
/// <param name="Folded">Lower-cased, accent-free tokens, space-separated.</param>
public sealed record NormalizedText(string Stems, string Folded);
