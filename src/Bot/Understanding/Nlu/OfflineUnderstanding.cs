using ChatCare.Core.Configuration;
using ChatCare.Core.Understanding;

namespace ChatCare.Understanding.Nlu;

/// <summary>
/// The offline understanding pipeline: language per message, then intents and knowledge-base entries ranked by
/// calibrated probability and cut into answer / confirm / out-of-scope bands.
/// </summary>
/// <param name="normalizer">Turns text into the classifier's views.</param>
/// <param name="languages">The language model.</param>
/// <param name="intents">The intent and knowledge-base model.</param>
/// <param name="options">Confidence thresholds.</param>
/// <param name="speller">Typo correction against the training vocabulary, or null for none.</param>
public sealed class OfflineUnderstanding(TextNormalizer normalizer, IntentClassifier languages, IntentClassifier intents, UnderstandingOptions options,
    SpellingCorrector? speller = null)
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
        // Tokenise once: the language model and both views of the intent model read the same folded tokens.
        var tokens = normalizer.FoldedTokens(text);
        var (language, confident) = DetectLanguage(tokens, languageHint);
        var ranking = intents.Rank(normalizer.Normalize(tokens, language, speller), RankedLabels);
        return new Utterance(text, language, confident, ranking, BandOf(ranking));
    }

    /// <summary>The language of <paramref name="text"/>, or <paramref name="hint"/> when the text does not tell.</summary>
    public (string Language, bool Confident) DetectLanguage(string text, string hint) => DetectLanguage(normalizer.FoldedTokens(text), hint);

    private (string Language, bool Confident) DetectLanguage(IReadOnlyList<string> foldedTokens, string hint)
    {
        if (foldedTokens.Count == 0)
        {
            return (hint, false);
        }
        var folded = string.Join(' ', foldedTokens);
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
