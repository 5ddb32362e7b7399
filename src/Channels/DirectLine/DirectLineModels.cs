using System.Text.Json;
using System.Text.Json.Serialization;
using ChatCare.Core.Activities;

namespace ChatCare.Channels.DirectLine;

/// <summary>The Direct Line <c>Conversation</c> object returned by token and conversation calls.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Token">A token bound to the conversation; DirectLineJS uses it for every later call.</param>
/// <param name="ExpiresIn">Seconds the token lives.</param>
/// <param name="StreamUrl">Pre-authorised WebSocket URL; absent on token calls.</param>
public sealed record DirectLineConversation(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);

/// <summary>A batch of activities and the watermark to continue from.</summary>
/// <param name="Activities">Activities, oldest first.</param>
/// <param name="Watermark">The position of the last activity in the set, as a string.</param>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);

/// <summary>The id given to a posted activity.</summary>
/// <param name="Id">Activity id.</param>
public sealed record ResourceResponse(string Id);

/// <summary>The Direct Line error body: <c>{"error":{"code":…,"message":…}}</c>.</summary>
/// <param name="Error">The error.</param>
public sealed record DirectLineErrorResponse(DirectLineError Error);

/// <summary>A stable error code and a human-readable message.</summary>
/// <param name="Code">Stable code, e.g. <c>TokenExpired</c>.</param>
/// <param name="Message">Explanation; may change.</param>
public sealed record DirectLineError(string Code, string Message);

/// <summary>Optional body of <c>POST /tokens/generate</c> and <c>POST /conversations</c>.</summary>
public sealed record TokenParameters
{
    /// <summary>The customer, when the site knows them.</summary>
    public ChannelAccount? User { get; init; }

    /// <summary>Locale the client asked for (DirectLineJS <c>conversationStartProperties</c>).</summary>
    public string? Locale { get; init; }
}

/// <summary>What a token says: the one conversation it opens, for whom, and until when.</summary>
/// <param name="ConversationId">The conversation (claim <c>c</c>).</param>
/// <param name="UserId">The customer's id (claim <c>u</c>).</param>
/// <param name="ExpiresAt">Expiry in Unix seconds (claim <c>e</c>).</param>
public sealed record TokenClaims(
    [property: JsonPropertyName("c")] string ConversationId,
    [property: JsonPropertyName("u")] string UserId,
    [property: JsonPropertyName("e")] long ExpiresAt);

/// <summary>Source-generated serializers for the Direct Line types; same wire rules as <see cref="ActivityJson"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(DirectLineErrorResponse))]
[JsonSerializable(typeof(TokenParameters))]
[JsonSerializable(typeof(TokenClaims))]
public sealed partial class DirectLineJsonContext : JsonSerializerContext;
