using System.Text;
using System.Text.Json;
using ChatCare.Channels.Messaging;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// Sends to Telegram chats through the durable outbox: each message becomes one <c>sendMessage</c> with the engine's
/// Markdown as Telegram HTML and suggested actions as an inline keyboard. Typing goes straight to <c>sendChatAction</c>
/// during the turn (see <see cref="TelegramInboxHandler"/>), as a stale indicator is worth nothing after a restart.
/// </summary>
public sealed class TelegramChannelAdapter(IChannelOutbox outbox, OutboxWakeUp wakeUp, TimeProvider time) : IChannelAdapter
{
    private const int MaxCallbackDataBytes = 64;

    /// <inheritdoc />
    public string ChannelId => TelegramMapper.ChannelId;

    /// <summary>Inline keyboards take many buttons and long labels; cards do not render (they become text); HTML renders.</summary>
    public ChannelCapabilities Capabilities { get; } = new()
    {
        SupportsSuggestedActions = true,
        MaxSuggestedActions = 10,
        MaxActionTitleLength = 64,
        SupportsHeroCards = false,
        SupportsMarkdown = true,
        SupportsTyping = true,
        MaxTextLength = 4096,
    };

    /// <inheritdoc />
    public async Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(activities);
        var chatId = TelegramMapper.ChatIdOf(to.ConversationId)
            ?? throw new ArgumentException($"'{to.ConversationId}' is not a Telegram conversation.", nameof(to));
        var payloads = activities
            .Where(a => a.IsMessage)
            .Select(a => ToOutgoing(chatId, a))
            .Where(o => o.Html.Length > 0)
            .Select(o => JsonSerializer.Serialize(o, TelegramOutgoingJson.Default.TelegramOutgoing))
            .ToList();
        if (payloads.Count == 0)
        {
            return;
        }
        await outbox.EnqueueAsync(ChannelId, to.ConversationId, payloads, time.GetUtcNow(), cancellationToken);
        wakeUp.Signal.Signal();
    }

    /// <summary>The <c>sendMessage</c> for one message activity.</summary>
    public static TelegramOutgoing ToOutgoing(long chatId, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var html = new StringBuilder(activity.Text is null ? ""
            : activity.TextFormat == "markdown" ? TelegramHtml.FromMarkdown(activity.Text) : TelegramHtml.Escape(activity.Text));
        foreach (var file in activity.Attachments?.Where(a => a.ContentUrl is not null) ?? [])
        {
            html.Append(html.Length > 0 ? "\n" : "").Append("<a href=\"").Append(TelegramHtml.Escape(file.ContentUrl!)).Append("\">")
                .Append(TelegramHtml.Escape(file.Name ?? file.ContentUrl!)).Append("</a>");
        }

        var buttons = new List<TelegramButton>();
        var actions = activity.SuggestedActions?.Actions ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (action.ValueText is not { } value)
            {
                continue;
            }
            if (action.Type == "openUrl")
            {
                buttons.Add(new TelegramButton(action.Title, null, value));
                continue;
            }
            // Callback data holds 64 bytes; a longer value travels as its option number, which the engine reads as the choice.
            var data = Encoding.UTF8.GetByteCount(value) <= MaxCallbackDataBytes && !value.StartsWith(TelegramMapper.OptionNumberPrefix, StringComparison.Ordinal)
                ? value
                : TelegramMapper.OptionNumberPrefix + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            buttons.Add(new TelegramButton(action.Title, data, null));
        }
        if (html.Length == 0 && buttons.Count > 0)
        {
            html.Append('…');
        }
        return new TelegramOutgoing(chatId, html.ToString(), buttons.Count > 0 ? buttons : null);
    }
}
