using ChatCare.Core.Configuration;
using ChatCare.Core.Understanding;

namespace ChatCare.Understanding.Nlu;

/// <summary>
/// The offline understanding pipeline: language per message, then intents and knowledge-base entries ranked by
/// calibrated probability and cut into answer / confirm / out-of-scope bands.
/// </summary>
public sealed class OfflineUnderstanding(TextNormalizer normalizer, IntentClassifier languages, IntentClassifier intents, UnderstandingOptions options)
    : ITextUnderstanding
{
    private const float ConfidentLanguage = 0.8f;
    private const int RankedLabels = 5;

    /// <summary>The labels the intent model knows.</summary>
    public IReadOnlyList<string> Labels => intents.Labels;

    /// <inheritdoc />
    public Utterance Understand(string text, string languageHint)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (language, confident) = DetectLanguage(text, languageHint);
        var ranking = intents.Rank(normalizer.Normalize(text, language), RankedLabels);
        return new Utterance(text, language, confident, ranking, BandOf(ranking));
    }

    /// <summary>The language of <paramref name="text"/>, or <paramref name="hint"/> when the text does not tell.</summary>
    public (string Language, bool Confident) DetectLanguage(string text, string hint)
    {
        var folded = string.Join(' ', normalizer.FoldedTokens(text));
        if (folded.Length == 0)
        {
            return (hint, false);
        }
        var best = languages.Rank(new NormalizedText(folded, folded), 1)[0];
        return best.Score >= ConfidentLanguage ? (best.Label, true) : (hint, false);
    }

    private ConfidenceBand BandOf(IntentScore[] ranking)
    {
        var top = ranking[0];
        if (top.Label == Intents.OutOfScope || top.Score < options.ConfirmThreshold)
        {
            return ConfidenceBand.OutOfScope;
        }
        return top.Score >= options.AnswerThreshold ? ConfidenceBand.Answer : ConfidenceBand.Confirm;
    }
}
