namespace ChatCare.Understanding.Nlu;

/// <summary>A labelled phrasing.</summary>
/// <param name="Text">The phrasing.</param>
/// <param name="Label">Intent name or knowledge-base id.</param>
/// <param name="Language"><c>es</c>, <c>en</c>, or null when unknown (detected).</param>
public sealed record TrainingExample(string Text, string Label, string? Language);
