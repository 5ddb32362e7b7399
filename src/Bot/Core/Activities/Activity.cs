using System.Text.Json;

namespace ChatCare.Core.Activities;

/// <summary>
/// A Bot Framework activity: the one currency every channel maps to and from.
/// Field names and meanings follow the Bot Framework Activity schema, so the same record is
/// read from <c>POST /api/messages</c>, stored in transcripts and sent over Direct Line.
/// </summary>
/// <remarks>Unknown JSON fields are ignored on read, as the schema requires receivers to accept them (A2005).</remarks>
public sealed record Activity
{
    /// <summary>The activity type, e.g. <c>message</c>; see <see cref="ActivityTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Identifier assigned by the channel once the activity is recorded.</summary>
    public string? Id { get; init; }

    /// <summary>When the channel recorded the activity (UTC).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The sender's local time, with its offset.</summary>
    public DateTimeOffset? LocalTimestamp { get; init; }

    /// <summary>The sender's IANA time zone.</summary>
    public string? LocalTimezone { get; init; }

    /// <summary>Base URL replies are posted to when the caller does not expect replies in the response.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>The channel, e.g. <c>directline</c>, <c>telegram</c>, <c>whatsapp</c>.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The sender.</summary>
    public ChannelAccount? From { get; init; }

    /// <summary>The receiver.</summary>
    public ChannelAccount? Recipient { get; init; }

    /// <summary>The conversation; its id is required on every activity.</summary>
    public ConversationAccount? Conversation { get; init; }

    /// <summary>Message text.</summary>
    public string? Text { get; init; }

    /// <summary><c>plain</c> (default), <c>markdown</c> or <c>xml</c>.</summary>
    public string? TextFormat { get; init; }

    /// <summary>BCP-47 locale of the text.</summary>
    public string? Locale { get; init; }

    /// <summary>Cards and files.</summary>
    public IReadOnlyList<Attachment>? Attachments { get; init; }

    /// <summary><c>list</c> (default) or <c>carousel</c>.</summary>
    public string? AttachmentLayout { get; init; }

    /// <summary>Buttons offered for the next turn.</summary>
    public SuggestedActions? SuggestedActions { get; init; }

    /// <summary>Entities; unknown types are ignored.</summary>
    public IReadOnlyList<JsonElement>? Entities { get; init; }

    /// <summary>Channel-defined payload; Web Chat puts <c>clientActivityID</c> here.</summary>
    public JsonElement? ChannelData { get; init; }

    /// <summary>The activity this one answers.</summary>
    public string? ReplyToId { get; init; }

    /// <summary>Payload of postBack/messageBack messages and events.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>Name of an event activity.</summary>
    public string? Name { get; init; }

    /// <summary><c>normal</c> (default), <c>notification</c> or <c>expectReplies</c>.</summary>
    public string? DeliveryMode { get; init; }

    /// <summary>Members who joined (conversationUpdate).</summary>
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    /// <summary>Members who left (conversationUpdate).</summary>
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    /// <summary>Code of an endOfConversation activity.</summary>
    public string? Code { get; init; }

    /// <summary>True for a message activity.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsMessage => Type == ActivityTypes.Message;
}
