namespace ChatCare.Core.Understanding;

/// <summary>Understands customer text. The default implementation is offline and trained at start-up from <c>prompts/</c>.</summary>
public interface ITextUnderstanding
{
    /// <summary>Detects the language and ranks intents; <paramref name="languageHint"/> wins when the text is too short to tell.</summary>
    Utterance Understand(string text, string languageHint);
}
