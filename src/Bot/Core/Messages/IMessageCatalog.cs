namespace ChatCare.Core.Messages;

/// <summary>Customer-facing texts from <c>prompts/messages/</c>, by key, language and the configured register (usted/tú).</summary>
public interface IMessageCatalog
{
    /// <summary>The text for <paramref name="key"/> with <c>{name}</c> placeholders filled in; organisation and persona placeholders are always available.</summary>
    string Get(string key, string language, params (string Name, string Value)[] arguments);
}
