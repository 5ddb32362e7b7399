using System.Text.Json;
using ChatCare.Channels.Messaging;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Configuration;
using ChatCare.Core.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.WhatsApp;

/// <summary>
/// Processes a stored WhatsApp item. A message: marked read (with "typing…" while the turn runs), the turn, replies to
/// the outbox. A status: recorded on the sent message (never downgraded); a <c>failed</c> with 131047 means the window
/// had closed, so the configured template is queued in its place.
/// </summary>
public sealed partial class WhatsAppInboxHandler(TurnProcessor turns, WhatsAppChannelAdapter adapter, GraphApiClient graph,
    IChannelOutbox outbox, IOptions<WhatsAppOptions> options, IOptions<PersonaOptions> persona,
    ILogger<WhatsAppInboxHandler> logger) : IInboxHandler
{
    /// <inheritdoc />
    public string Channel => WhatsAppMapper.ChannelId;

    /// <inheritdoc />
    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var payload = JsonSerializer.Deserialize(item.Payload, WhatsAppJson.Default.WhatsAppInboxPayload)
            ?? throw new InvalidDataException($"WhatsApp item {item.Key} is empty.");
        if (payload.Status is { } status)
        {
            await RecordStatusAsync(item.ConversationId, status, cancellationToken);
        }
        if (payload.Message is { } message)
        {
            await ProcessMessageAsync(message, payload.ContactName, cancellationToken);
        }
    }

    private async Task ProcessMessageAsync(InboundMessage message, string? contactName, CancellationToken cancellationToken)
    {
        var activity = WhatsAppMapper.ToActivity(message, contactName, new ChannelAccount(options.Value.PhoneNumberId ?? "chatcare", persona.Value.Name, "bot"));
        var markedRead = false;
        if (activity is not null)
        {
            var result = await turns.ProcessAsync(activity, cancellationToken, async (_, ct) =>
            {
                markedRead = true;
                await MarkReadAsync(message.Id, typing: true, ct);
            });
            if (result.Replies.Count > 0)
            {
                await adapter.SendAsync(ConversationReference.FromInbound(activity), result.Replies, cancellationToken);
            }
        }
        if (!markedRead)
        {
            await MarkReadAsync(message.Id, typing: false, cancellationToken);
        }
    }

    private async Task RecordStatusAsync(string conversationId, MessageStatus status, CancellationToken cancellationToken)
    {
        var delivery = status.Status switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => DeliveryStatus.None,
        };
        if (delivery == DeliveryStatus.None)
        {
            return;
        }
        var error = status.Errors is { Count: > 0 } errors ? errors[0] : null;
        var at = WhatsAppMapper.TimeOf(status.Timestamp) ?? DateTimeOffset.UtcNow;
        var record = await outbox.RecordDeliveryAsync(Channel, status.Id, delivery, at,
            error is null ? null : $"({error.Code}) {error.Title} {error.ErrorData?.Details}".Trim(), cancellationToken);
        if (record is null || delivery != DeliveryStatus.Failed || error?.Code != GraphResult.ReengagementRequired)
        {
            return;
        }

        // Meta accepted the message but could not deliver it outside the window: the template takes its place, once.
        LogReengagement(logger, conversationId, status.Id);
        var outgoing = JsonSerializer.Deserialize(record.Payload, WhatsAppOutgoingJson.Default.WhatsAppOutgoing);
        if (outgoing?.Body is not null && options.Value.ReengagementTemplate.Configured)
        {
            await adapter.EnqueueTemplateAsync(conversationId, outgoing.Language, outgoing.Text, cancellationToken);
        }
    }

    // A read receipt that fails must not cost the customer the reply.
    private async Task MarkReadAsync(string messageId, bool typing, CancellationToken cancellationToken)
    {
        try
        {
            var result = await graph.SendAsync(WhatsAppMessages.MarkRead(messageId, typing), cancellationToken);
            if (!result.Succeeded)
            {
                LogMarkReadFailed(logger, null, messageId, result.Describe());
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMarkReadFailed(logger, ex, messageId, ex.Message);
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "WhatsApp could not mark {MessageId} read: {Error}")]
    private static partial void LogMarkReadFailed(ILogger logger, Exception? exception, string messageId, string error);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "WhatsApp message {MessageId} to {ConversationId} failed outside the 24-hour window (131047)")]
    private static partial void LogReengagement(ILogger logger, string conversationId, string messageId);
}
