namespace ChatCare.Core.Understanding;

/// <summary>What a message means: its language and the ranked intents or knowledge-base entries.</summary>
/// <param name="Text">The text as received.</param>
/// <param name="Language"><c>es</c> or <c>en</c>.</param>
/// <param name="LanguageIsConfident">False for short or mixed text, where the conversation's language should be kept.</param>
/// <param name="Ranking">Labels by descending score; scores are calibrated probabilities.</param>
/// <param name="Band">What the top score allows: answer, confirm, or out of scope.</param>
public sealed record Utterance(string Text, string Language, bool LanguageIsConfident, IReadOnlyList<IntentScore> Ranking, ConfidenceBand Band)
{
    /// <summary>The best label, or <see cref="IntentScore.None"/>.</summary>
    public IntentScore Top => Ranking.Count > 0 ? Ranking[0] : IntentScore.None;

    /// <summary>Whether the top label is <paramref name="label"/> and may be acted on without confirmation.</summary>
    public bool Is(string label) => Band == ConfidenceBand.Answer && Top.Label == label;
}

/// <summary>A label and its probability.</summary>
/// <param name="Label">Intent name or knowledge-base id.</param>
/// <param name="Score">Probability in [0, 1].</param>
public sealed record IntentScore(string Label, float Score)
{
    /// <summary>No label at all.</summary>
    public static IntentScore None { get; } = new(Intents.OutOfScope, 0);
}

/// <summary>Confidence calibrated into three actions (STD-N1, N2).</summary>
public enum ConfidenceBand
{
    /// <summary>Act on the top label.</summary>
    Answer,
    /// <summary>Ask "did you mean…?" with the top options.</summary>
    Confirm,
    /// <summary>Say plainly that it is out of scope.</summary>
    OutOfScope,
}
