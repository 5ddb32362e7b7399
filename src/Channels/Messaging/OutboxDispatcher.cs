using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.Messaging;

/// <summary>
/// Sends the outbox: the oldest pending message of each conversation, several conversations at a time, each message
/// marked sent as soon as the channel accepts it and before the conversation's next one goes. Failures are retried with
/// exponential back-off (or after the wait the channel asks for, such as Telegram's <c>retry_after</c>) until
/// <see cref="OutboxOptions.MaxAttempts"/>; permanent failures are not retried.
/// </summary>
/// <remarks>
/// Delivery is at-least-once only in one narrow case: a crash after the channel accepted a message and before it was
/// marked sent resends it after the restart. Neither Telegram nor the WhatsApp Cloud API offers an idempotency key for
/// sends, so this window cannot be closed on our side; it is kept to one local database write.
/// Back-off runs on the system clock: it measures real waiting, not the business time of the conversation.
/// </remarks>
public sealed partial class OutboxDispatcher(IChannelOutbox outbox, IChannelInbox inbox, IEnumerable<IOutboxTransport> transports, OutboxWakeUp wakeUp,
    IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 64;
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, IOutboxTransport> _transports = transports.ToDictionary(t => t.Channel, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextPurge = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<OutboxMessage> due = [];
            try
            {
                if (DateTimeOffset.UtcNow >= nextPurge)
                {
                    nextPurge = DateTimeOffset.UtcNow + PurgeInterval;
                    await PurgeAsync(settings, stoppingToken);
                }
                due = await outbox.DueAsync(DateTimeOffset.UtcNow, BatchSize, stoppingToken);
                await Parallel.ForEachAsync(due,
                    new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelConversations, CancellationToken = stoppingToken },
                    async (message, ct) => await SendAsync(message, settings, ct));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreFailed(logger, ex);
            }
            if (due.Count == 0)
            {
                await wakeUp.Signal.WaitAsync(await IdleTimeAsync(stoppingToken), stoppingToken);
            }
        }
    }

    // Retention of both stores lives here so one worker owns it; it runs hourly and at start.
    private async Task PurgeAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow - TimeSpan.FromDays(settings.RetentionDays);
        var messages = await outbox.PurgeAsync(before, cancellationToken);
        var items = await inbox.PurgeAsync(before, cancellationToken);
        if (messages + items > 0)
        {
            LogPurged(logger, messages, items, settings.RetentionDays);
        }
    }

    private async Task<TimeSpan> IdleTimeAsync(CancellationToken cancellationToken)
    {
        var next = await outbox.NextDueAtAsync(cancellationToken);
        if (next is null)
        {
            return MaxIdle;
        }
        var wait = next.Value - DateTimeOffset.UtcNow;
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : wait < MaxIdle ? wait : MaxIdle;
    }

    private async Task SendAsync(OutboxMessage message, OutboxOptions settings, CancellationToken stoppingToken)
    {
        if (!_transports.TryGetValue(message.Channel, out var transport))
        {
            await outbox.MarkFailedAsync(message.Id, $"No transport for channel '{message.Channel}'.", stoppingToken);
            return;
        }

        SendOutcome outcome;
        try
        {
            outcome = await transport.SendAsync(message, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-send leaves the message pending (the catch filter lets that cancellation through).
            outcome = SendOutcome.Retry(ex.GetType().Name + ": " + ex.Message);
        }

        switch (outcome)
        {
            case SendOutcome.Accepted sent:
                await outbox.MarkSentAsync(message.Id, sent.RemoteId, DateTimeOffset.UtcNow, CancellationToken.None);
                break;
            case SendOutcome.GiveUp failed:
                LogGaveUp(logger, message.Channel, message.Id, message.ConversationId, failed.Error);
                await outbox.MarkFailedAsync(message.Id, failed.Error, CancellationToken.None);
                break;
            case SendOutcome.TryAgain retry when message.Attempts + 1 >= settings.MaxAttempts:
                LogGaveUp(logger, message.Channel, message.Id, message.ConversationId, retry.Error);
                await outbox.MarkFailedAsync(message.Id, retry.Error, CancellationToken.None);
                break;
            case SendOutcome.TryAgain retry:
                var wait = retry.After ?? settings.RetryDelay(message.Attempts + 1);
                LogRetry(logger, message.Channel, message.Id, message.Attempts + 1, wait.TotalSeconds, retry.Error);
                await outbox.RescheduleAsync(message.Id, DateTimeOffset.UtcNow + wait, retry.Error, CancellationToken.None);
                break;
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "{Channel} message {Id} failed (attempt {Attempt}); retrying in {Seconds:0.###} s: {Error}")]
    private static partial void LogRetry(ILogger logger, string channel, long id, int attempt, double seconds, string error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "{Channel} message {Id} to conversation {ConversationId} was given up on: {Error}")]
    private static partial void LogGaveUp(ILogger logger, string channel, long id, string conversationId, string error);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Purged {Messages} outbox messages and {Items} inbox items older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int messages, int items, int days);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "The channel outbox could not be read")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
