using ChatCare.Understanding.Nlu;

namespace ChatCare.Core.Tests;

/// <summary>The shipped Spanish dictionary, loaded once for the class.</summary>
public sealed class SpanishLexiconFixture
{
    public SpanishLexiconFixture() =>
        Lexicon = UnderstandingTrainer.LexiconsFromPrompts(Path.Combine(AppContext.BaseDirectory, "prompts"))["es"];

    public Lexicon Lexicon { get; }
}

public sealed class SpellingCorrectorTests(SpanishLexiconFixture fixture) : IClassFixture<SpanishLexiconFixture>
{
    // A tiny Hunspell pair: plural "s", verb endings with a second-level enclitic ("-lo"), and the prefix "re".
    private const string Affixes = """
        SET UTF-8
        FLAG UTF-8
        SFX S Y 1
        SFX S 0 s [aeiou]
        SFX R Y 2
        SFX R ar an/L ar
        SFX R ar ó ar
        SFX L Y 1
        SFX L 0 lo n
        PFX P Y 1
        PFX P 0 re .
        """;

    private const string Stems = """
        3
        caja/S
        cambiar/RP
        canción/S
        """;

    private static Lexicon Tiny() => Lexicon.Load(new StringReader(Affixes), new StringReader(Stems));

    [Theory]
    [InlineData("caja", true)]
    [InlineData("cajas", true)]
    [InlineData("cancion", true)] // folded: no accents
    [InlineData("canciones", false)] // "s" only after a vowel
    [InlineData("cambian", true)]
    [InlineData("cambio", true)] // "ó" folded
    [InlineData("cambianlo", true)] // second suffix allowed by the first one's continuation flag
    [InlineData("cambiolo", false)] // "ó" allows no second suffix
    [InlineData("recambian", true)] // prefix with a suffix (both cross products)
    [InlineData("recajas", false)] // "caja" has no prefix flag
    [InlineData("cambiaa", false)]
    public void Lexicon_RecognisesStemsWithTheirAffixes(string word, bool expected) => Assert.Equal(expected, Tiny().Contains(word));

    [Fact]
    public void Lexicon_StemsOfAnInflection_AreItsDictionaryEntries()
    {
        var lexicon = Tiny();
        Assert.Equal(["cambiar"], lexicon.Stems("cambianlo"));
        Assert.Equal(["caja"], lexicon.Stems("cajas"));
        Assert.Empty(lexicon.Stems("recambian")); // prefixed: a real word, but not an inflection of "cambiar"
    }

    [Theory]
    [InlineData("pinto")]
    [InlineData("cancelen")]
    [InlineData("envuelven")]
    [InlineData("contrasena")]
    [InlineData("devolverlo")]
    public void SpanishLexicon_KnowsRealWords(string word) => Assert.True(fixture.Lexicon.Contains(word));

    [Theory]
    [InlineData("debolver")]
    [InlineData("nesesito")]
    [InlineData("contrasenia")]
    public void SpanishLexicon_RejectsMisspellings(string word) => Assert.False(fixture.Lexicon.Contains(word));

    private static SpellingCorrector Corrector(Lexicon? lexicon) => SpellingCorrector.Build(
        [("es", "quiero acumular mas punto"), ("es", "como cancelar mi pedido"), ("es", "quiero devolver el producto"),
         ("es", "me devuelven el dinero")],
        lexicon is null ? null : new Dictionary<string, Lexicon> { ["es"] = lexicon });

    [Fact]
    public void Correct_WithoutLexicon_EditsAnyUnknownWord()
    {
        Assert.Equal("punto", Corrector(null).Correct("pinto", "es"));
    }

    [Theory] // STD-N2: a real word is not a typo, so an out-of-scope message keeps its own words.
    [InlineData("pinto", "pinto")] // not "punto"
    [InlineData("envuelven", "envuelven")] // not "devuelven": another verb
    [InlineData("cancelen", "cancelar")] // an inflection of a known word still meets it
    [InlineData("debolver", "devolver")] // typos are still corrected
    [InlineData("produtco", "producto")]
    public void Correct_WithLexicon_EditsOnlyMisspellingsAndInflections(string token, string expected)
    {
        Assert.Equal(expected, Corrector(fixture.Lexicon).Correct(token, "es"));
    }
}
