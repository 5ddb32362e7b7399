using System.Threading.Channels;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCare.Channels.BotFramework;

/// <summary>
/// Posts replies to serviceUrls after the inbound request was answered, so a slow or failing remote never holds
/// the caller's request. Bounded: when full, the producer waits instead of dropping replies.
/// </summary>
public sealed partial class ReplyDispatcher(ConnectorClient connector, ILogger<ReplyDispatcher> logger) : BackgroundService
{
    private readonly Channel<(ConversationReference To, IReadOnlyList<Activity> Replies)> _queue =
        Channel.CreateBounded<(ConversationReference, IReadOnlyList<Activity>)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    /// <summary>Queues replies for delivery.</summary>
    public ValueTask EnqueueAsync(ConversationReference to, IReadOnlyList<Activity> replies, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync((to, replies), cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (to, replies) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await connector.SendAsync(to, replies, stoppingToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogDeliveryFailed(logger, ex, to.ConversationId);
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Replies to conversation {ConversationId} could not be delivered to its serviceUrl")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string conversationId);
}
