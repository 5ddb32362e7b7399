using System.Globalization;
using ChatCare.Channels.Messaging;
using ChatCare.Core.Activities;

namespace ChatCare.Channels.WhatsApp;

/// <summary>
/// Maps WhatsApp messages to activities. A customer's number (<c>wa_id</c>) is one conversation (<c>whatsapp:{wa_id}</c>);
/// their profile name travels on <c>from.name</c>. WhatsApp gives no language, so the engine detects it from the text.
/// </summary>
public static class WhatsAppMapper
{
    /// <summary>The channel id.</summary>
    public const string ChannelId = "whatsapp";

    /// <summary>Prefix of a button or row id that stands for "the n-th option" when the option's value is too long for an id.</summary>
    public const string OptionNumberPrefix = "#";

    /// <summary>The conversation id of a customer number.</summary>
    public static string ConversationIdOf(string waId) => ChannelId + ":" + waId;

    /// <summary>The customer number of a conversation id, or null when it is not a WhatsApp one.</summary>
    public static string? WaIdOf(string conversationId) =>
        conversationId.StartsWith(ChannelId + ":", StringComparison.Ordinal) ? conversationId[(ChannelId.Length + 1)..] : null;

    /// <summary>The Unix-seconds timestamp Meta writes as a string.</summary>
    public static DateTimeOffset? TimeOf(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>The message as an activity, or null for kinds ChatCare does not handle (reactions, system messages…).</summary>
    public static Activity? ToActivity(InboundMessage message, string? contactName, ChannelAccount bot)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attachments = new List<Attachment>();
        string? text = null;
        switch (message.Type)
        {
            case "text":
                text = message.Text?.Body;
                break;
            case "interactive":
                var chosen = message.Interactive?.ButtonReply ?? message.Interactive?.ListReply;
                text = TextOfOptionId(chosen?.Id) ?? chosen?.Title;
                break;
            case "button":
                text = message.Button?.Payload ?? message.Button?.Text;
                break;
            case "image" or "document" or "audio" or "video" or "sticker":
                var media = message.Image ?? message.Document ?? message.Audio ?? message.Video ?? message.Sticker;
                if (media?.Id is { } mediaId)
                {
                    attachments.Add(ChannelContent.File(media.MimeType ?? "application/octet-stream", media.Filename,
                        new FileContent(ChannelId, mediaId, null, media.Sha256)));
                }
                text = media?.Caption;
                break;
            case "location" when message.Location is { } location:
                attachments.Add(ChannelContent.Location(new LocationContent(location.Latitude, location.Longitude, location.Name, location.Address)));
                break;
            case "contacts":
                attachments.AddRange((message.Contacts ?? [])
                    .Where(c => c.Phones is { Count: > 0 })
                    .Select(c => ChannelContent.Contact(new ContactContent(c.Phones![0].Phone ?? c.Phones[0].WaId ?? "", c.Name?.FormattedName, c.Phones[0].WaId))));
                break;
            default:
                return null;
        }
        if (string.IsNullOrEmpty(text) && attachments.Count == 0)
        {
            return null;
        }
        return new Activity
        {
            Type = ActivityTypes.Message,
            Id = message.Id,
            Timestamp = TimeOf(message.Timestamp),
            ChannelId = ChannelId,
            Conversation = new ConversationAccount(ConversationIdOf(message.From)),
            From = new ChannelAccount(message.From, contactName, "user"),
            Recipient = bot,
            Text = text,
            Attachments = attachments.Count > 0 ? attachments : null,
        };
    }

    /// <summary>What a chosen button or row says: its id, or the option number it stands for.</summary>
    public static string? TextOfOptionId(string? id) =>
        id is not null && id.StartsWith(OptionNumberPrefix, StringComparison.Ordinal) ? id[OptionNumberPrefix.Length..] : id;
}
