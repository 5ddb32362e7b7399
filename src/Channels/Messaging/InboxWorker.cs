using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCare.Channels.Messaging;

/// <summary>
/// Processes stored channel updates one after another, in arrival order (which keeps each conversation's order),
/// and marks each one done. Items still pending after a crash are processed after the restart.
/// An item that keeps failing is set aside after <see cref="MaxAttempts"/> so it cannot block the ones behind it.
/// </summary>
public sealed partial class InboxWorker(IChannelInbox inbox, IEnumerable<IInboxHandler> handlers, InboxWakeUp wakeUp,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private const int MaxAttempts = 5;
    private const int BatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, IInboxHandler> _handlers = handlers.ToDictionary(h => h.Channel, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<InboxItem> pending;
            try
            {
                pending = await inbox.PendingAsync(BatchSize, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreFailed(logger, ex);
                await wakeUp.Signal.WaitAsync(PollInterval, stoppingToken);
                continue;
            }
            foreach (var item in pending)
            {
                await ProcessAsync(item, stoppingToken);
            }
            if (pending.Count < BatchSize)
            {
                await wakeUp.Signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(InboxItem item, CancellationToken stoppingToken)
    {
        if (!_handlers.TryGetValue(item.Channel, out var handler))
        {
            await inbox.MarkDoneAsync(item.Sequence, $"No handler for channel '{item.Channel}'.", stoppingToken);
            return;
        }
        try
        {
            await handler.HandleAsync(item, stoppingToken);
            await inbox.MarkDoneAsync(item.Sequence, null, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogItemFailed(logger, ex, item.Channel, item.Key, item.Attempts + 1);
            if (item.Attempts + 1 >= MaxAttempts)
            {
                await inbox.MarkDoneAsync(item.Sequence, ex.Message, stoppingToken);
            }
            else
            {
                await inbox.RecordFailureAsync(item.Sequence, ex.Message, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Inbox item {Channel}/{Key} failed (attempt {Attempt})")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string channel, string key, int attempt);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The channel inbox could not be read")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
