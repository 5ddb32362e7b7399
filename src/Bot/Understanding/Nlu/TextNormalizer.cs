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
        _stemmers = new(StringComparer.Ordinal)
        {
            ["es"] = new StemmingAnalyzer(Synonyms("es"), ts => new SpanishLightStemFilter(ts)),
            ["en"] = new StemmingAnalyzer(Synonyms("en"), ts => new PorterStemFilter(new EnglishPossessiveFilter(Version, ts))),
        };
    }

    /// <summary>Both views of <paramref name="text"/> for <paramref name="language"/>.</summary>
    public NormalizedText Normalize(string text, string language)
    {
        var analyzer = _stemmers.TryGetValue(language, out var a) ? a : _stemmers["es"];
        return new NormalizedText(Join(analyzer, text), Join(_folder, text));
    }

    /// <summary>Lower-cased, accent-free tokens of <paramref name="text"/>.</summary>
    public IReadOnlyList<string> FoldedTokens(string text) => Tokens(_folder, text);

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
