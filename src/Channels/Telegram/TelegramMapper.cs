using System.Globalization;
using ChatCare.Channels.Messaging;
using ChatCare.Core.Activities;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Activity = ChatCare.Core.Activities.Activity;
using Attachment = ChatCare.Core.Activities.Attachment;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// Maps Telegram updates to activities. A chat is one conversation (<c>telegram:{chatId}</c>); the sender's display
/// name and <c>language_code</c> travel on <c>from.name</c> and <c>locale</c>.
/// </summary>
public static class TelegramMapper
{
    /// <summary>The channel id.</summary>
    public const string ChannelId = "telegram";

    /// <summary>Prefix of callback data that stands for "the n-th option" when the option's value is over Telegram's 64 bytes.</summary>
    public const string OptionNumberPrefix = "#";

    /// <summary>The conversation id of a chat.</summary>
    public static string ConversationIdOf(long chatId) => ChannelId + ":" + chatId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The chat of a conversation id, or null when it is not a Telegram one.</summary>
    public static long? ChatIdOf(string conversationId) =>
        conversationId.StartsWith(ChannelId + ":", StringComparison.Ordinal)
        && long.TryParse(conversationId.AsSpan(ChannelId.Length + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>The chat an update belongs to, if it is one ChatCare handles.</summary>
    public static long? ChatOf(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id;
    }

    /// <summary>The update as an activity, or null for update types ChatCare does not handle (edits, channel posts…).</summary>
    public static Activity? ToActivity(Update update, ChannelAccount bot)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (ChatOf(update) is not { } chatId)
        {
            return null;
        }
        var id = "tg-" + update.Id.ToString(CultureInfo.InvariantCulture);
        if (update.CallbackQuery is { } callback)
        {
            return Base(id, chatId, callback.Message?.Chat, callback.From, bot, DateTime.UtcNow) with
            {
                Text = TextOfCallbackData(callback.Data),
            };
        }

        var message = update.Message!;
        if (message.From is { IsBot: true })
        {
            return null;
        }
        var attachments = AttachmentsOf(message);
        var text = message.Text ?? message.Caption;
        if (text is null && attachments.Count == 0)
        {
            return null;
        }
        return Base(id, chatId, message.Chat, message.From, bot, message.Date) with
        {
            Text = text,
            Attachments = attachments.Count > 0 ? attachments : null,
        };
    }

    /// <summary>What a button press says: its callback data, or the option number it stands for.</summary>
    public static string? TextOfCallbackData(string? data) =>
        data is not null && data.StartsWith(OptionNumberPrefix, StringComparison.Ordinal) ? data[OptionNumberPrefix.Length..] : data;

    private static Activity Base(string id, long chatId, Chat? chat, User? from, ChannelAccount bot, DateTime date) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Timestamp = new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)),
        ChannelId = ChannelId,
        Conversation = new ConversationAccount(ConversationIdOf(chatId), chat?.Title,
            chat is null ? null : chat.Type is ChatType.Group or ChatType.Supergroup),
        From = from is null ? null : new ChannelAccount(from.Id.ToString(CultureInfo.InvariantCulture), DisplayName(from), "user"),
        Recipient = bot,
        Locale = from?.LanguageCode,
    };

    private static string DisplayName(User user) =>
        string.IsNullOrWhiteSpace(user.LastName) ? user.FirstName : user.FirstName + " " + user.LastName;

    private static List<Attachment> AttachmentsOf(Message message)
    {
        var attachments = new List<Attachment>();
        if (message.Photo is { Length: > 0 } sizes)
        {
            var largest = sizes.MaxBy(p => p.Width * p.Height)!;
            attachments.Add(ChannelContent.File("image/jpeg", null, new FileContent(ChannelId, largest.FileId, largest.FileSize)));
        }
        if (message.Document is { } document)
        {
            attachments.Add(ChannelContent.File(document.MimeType ?? "application/octet-stream", document.FileName,
                new FileContent(ChannelId, document.FileId, document.FileSize)));
        }
        if (message.Contact is { } contact)
        {
            var name = string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
            attachments.Add(ChannelContent.Contact(new ContactContent(contact.PhoneNumber, name,
                contact.UserId?.ToString(CultureInfo.InvariantCulture))));
        }
        if (message.Location is { } location)
        {
            attachments.Add(ChannelContent.Location(new LocationContent(location.Latitude, location.Longitude)));
        }
        return attachments;
    }
}
