using System.Text.Json;
using ChatCare.Channels.Messaging;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Messages;

namespace ChatCare.Channels.WhatsApp;

/// <summary>
/// Sends to WhatsApp numbers through the durable outbox. Each message becomes reply buttons, a list or numbered text
/// (<see cref="WhatsAppMessages"/>); whether the 24-hour window allows it is decided when it is sent, not now.
/// </summary>
public sealed class WhatsAppChannelAdapter(IChannelOutbox outbox, OutboxWakeUp wakeUp, IMessageCatalog messages, TimeProvider time) : IChannelAdapter
{
    /// <summary>Key of the label of the button that opens a list.</summary>
    public const string ListButtonKey = "whatsapp.list_button";

    /// <inheritdoc />
    public string ChannelId => WhatsAppMapper.ChannelId;

    /// <summary>
    /// Up to 10 options (a list; 3 of up to 20 characters become reply buttons) with titles of up to 24 characters;
    /// no cards; WhatsApp has its own markup, not Markdown, so text arrives plain; typing via the read receipt.
    /// </summary>
    public ChannelCapabilities Capabilities { get; } = new()
    {
        SupportsSuggestedActions = true,
        MaxSuggestedActions = WhatsAppMessages.MaxRows,
        MaxActionTitleLength = WhatsAppMessages.MaxRowTitle,
        SupportsHeroCards = false,
        SupportsMarkdown = false,
        SupportsTyping = true,
        MaxTextLength = WhatsAppMessages.MaxBody,
    };

    /// <inheritdoc />
    public async Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(activities);
        var waId = WhatsAppMapper.WaIdOf(to.ConversationId)
            ?? throw new ArgumentException($"'{to.ConversationId}' is not a WhatsApp conversation.", nameof(to));
        var payloads = activities
            .Where(a => a.IsMessage && (!string.IsNullOrEmpty(a.Text) || a.SuggestedActions is not null || a.Attachments is not null))
            .Select(a => WhatsAppMessages.ToOutgoing(waId, a, messages.Get(ListButtonKey, a.Locale ?? "es")))
            .Select(o => JsonSerializer.Serialize(o, WhatsAppOutgoingJson.Default.WhatsAppOutgoing))
            .ToList();
        await EnqueueAsync(to.ConversationId, payloads, cancellationToken);
    }

    /// <summary>Queues a template-only message (the fallback after a message failed outside the window).</summary>
    public Task EnqueueTemplateAsync(string conversationId, string language, string text, CancellationToken cancellationToken)
    {
        var waId = WhatsAppMapper.WaIdOf(conversationId) ?? throw new ArgumentException($"'{conversationId}' is not a WhatsApp conversation.", nameof(conversationId));
        var payload = JsonSerializer.Serialize(new WhatsAppOutgoing("+" + waId, language, text, null), WhatsAppOutgoingJson.Default.WhatsAppOutgoing);
        return EnqueueAsync(conversationId, new List<string> { payload }, cancellationToken);
    }

    private async Task EnqueueAsync(string conversationId, List<string> payloads, CancellationToken cancellationToken)
    {
        if (payloads.Count == 0)
        {
            return;
        }
        await outbox.EnqueueAsync(ChannelId, conversationId, payloads, time.GetUtcNow(), cancellationToken);
        wakeUp.Signal.Signal();
    }
}
