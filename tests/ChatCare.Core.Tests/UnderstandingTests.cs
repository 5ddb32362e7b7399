using ChatCare.Core.Configuration;
using ChatCare.Core.Understanding;
using ChatCare.Understanding.Knowledge;
using ChatCare.Understanding.Nlu;

namespace ChatCare.Core.Tests;

/// <summary>Trains the real pipeline on the shipped prompts once for the class.</summary>
public sealed class TrainedUnderstandingFixture
{
    public TrainedUnderstandingFixture()
    {
        var prompts = Path.Combine(AppContext.BaseDirectory, "prompts");
        var knowledge = KnowledgeBaseLoader.Load(Path.Combine(prompts, "knowledge")).Entries;
        Normalizer = new TextNormalizer(UnderstandingTrainer.SynonymsFromPrompts(prompts));
        Understanding = UnderstandingTrainer.Train(UnderstandingTrainer.ExamplesFromPrompts(prompts, knowledge), Normalizer, new UnderstandingOptions(),
            lexicons: UnderstandingTrainer.LexiconsFromPrompts(prompts)).Understanding;
    }

    public TextNormalizer Normalizer { get; }

    public OfflineUnderstanding Understanding { get; }
}

public sealed class UnderstandingTests(TrainedUnderstandingFixture fixture) : IClassFixture<TrainedUnderstandingFixture>
{
    [Theory] // STD-G3: language per message.
    [InlineData("¿cuánto cuesta el envío a Arequipa?", "es")]
    [InlineData("how much is shipping to my city?", "en")]
    [InlineData("quiero devolver unas zapatillas que me quedaron chicas", "es")]
    [InlineData("I want to return a pair of shoes", "en")]
    public void Understand_DetectsTheLanguage(string text, string expected)
    {
        var utterance = fixture.Understanding.Understand(text, expected == "es" ? "en" : "es");

        Assert.Equal(expected, utterance.Language);
        Assert.True(utterance.LanguageIsConfident);
    }

    [Fact]
    public void Understand_ShortAmbiguousText_KeepsTheHint()
    {
        Assert.Equal("en", fixture.Understanding.Understand("ok", "en").Language);
    }

    [Theory] // Typos, missing accents and regional words (STD-N1).
    [InlineData("cuanto demora en llegar mi pedido a provincia", "shipping-times")]
    [InlineData("donde esta mi pedido, quiero rastrearlo", "order-tracking")]
    [InlineData("quiero hablar con un asesor humano", Intents.HumanAgent)]
    [InlineData("mi celular llegó con la pantalla rota", "damaged-product")]
    [InlineData("where is my order?", "order-tracking")]
    [InlineData("me olvidé la contrasña de mi cuenta", "password-reset")]
    [InlineData("donde estta mi pedidoo", "order-tracking")]
    public void Understand_Paraphrases_RankTheRightLabelFirst(string text, string expected)
    {
        Assert.Equal(expected, fixture.Understanding.Understand(text, "es").Top.Label);
    }

    [Theory] // STD-N2
    [InlineData("¿quién ganó el partido de fútbol ayer?")]
    [InlineData("dame una receta de ceviche")]
    [InlineData("what's the weather like in London tomorrow?")]
    public void Understand_OutOfScope_IsRejected(string text)
    {
        Assert.Equal(ConfidenceBand.OutOfScope, fixture.Understanding.Understand(text, "es").Band);
    }

    [Fact]
    public void Normalize_FoldsAccentsAndMapsRegionalSynonyms()
    {
        var spain = fixture.Normalizer.Normalize("mi móvil", "es");
        var peru = fixture.Normalizer.Normalize("mi celular", "es");

        Assert.Equal(peru.Stems, spain.Stems);
        Assert.Equal("mi movil", spain.Folded);
    }
}
