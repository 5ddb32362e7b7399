using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCare.Channels.WebChat;

/// <summary>Answer of <c>POST /chat/token</c>: a new conversation and a Direct Line token bound to it.</summary>
/// <param name="ConversationId">The conversation the token opens (started by Web Chat's <c>POST /v3/directline/conversations</c>).</param>
/// <param name="UserId">The customer's id inside that conversation; Web Chat's <c>userID</c>.</param>
/// <param name="Token">The Direct Line token.</param>
/// <param name="ExpiresIn">Seconds the token lives; Web Chat refreshes it at <c>/v3/directline/tokens/refresh</c>.</param>
public sealed record WebChatToken(string ConversationId, string UserId, string Token, [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>What the page script needs, embedded in the page as JSON.</summary>
public sealed record WebChatPageConfig(
    string Language,
    string Locale,
    string TokenUrl,
    string DirectLinePath,
    bool Embedded,
    string? BotAvatarImage,
    string BotAvatarInitials,
    string AccentColor,
    string AccentTextColor,
    string BackgroundColor);

/// <summary>What the widget script needs, written into it.</summary>
public sealed record WidgetConfig(string AccentColor, string AccentTextColor, string DefaultLanguage, IReadOnlyDictionary<string, WidgetLabels> Labels);

/// <summary>The widget's accessible labels in one language.</summary>
public sealed record WidgetLabels(string Open, string Close);

/// <summary>Source-generated serializers for the web chat types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebChatToken))]
[JsonSerializable(typeof(WebChatPageConfig))]
[JsonSerializable(typeof(WidgetConfig))]
public sealed partial class WebChatJsonContext : JsonSerializerContext;
