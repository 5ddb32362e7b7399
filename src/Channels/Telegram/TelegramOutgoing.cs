using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCare.Channels.Telegram;

/// <summary>One <c>sendMessage</c> waiting in the outbox: HTML text and an inline keyboard.</summary>
/// <param name="ChatId">The chat.</param>
/// <param name="Html">Text in Telegram's HTML.</param>
/// <param name="Buttons">Inline keyboard, one button per row.</param>
public sealed record TelegramOutgoing(long ChatId, string Html, IReadOnlyList<TelegramButton>? Buttons);

/// <summary>An inline keyboard button: callback data or a link.</summary>
/// <param name="Text">Label.</param>
/// <param name="CallbackData">Sent back on press (1–64 bytes).</param>
/// <param name="Url">Opened on press.</param>
public sealed record TelegramButton(string Text, string? CallbackData, string? Url);

/// <summary>Source-generated JSON of outbox payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TelegramOutgoing))]
internal sealed partial class TelegramOutgoingJson : JsonSerializerContext;
