using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using ChatCare.Channels.DirectLine.ActivityLog;
using ChatCare.Core.Activities;
using Microsoft.Extensions.Logging;

namespace ChatCare.Channels.DirectLine;

/// <summary>
/// The open WebSocket of each conversation (one per conversation, as in Direct Line: a new one closes the old with "collision"),
/// and the frames <c>{"activities":[…],"watermark":"N"}</c> sent on it. In memory: a client that loses its socket reconnects
/// with its watermark and the history fills the gap.
/// </summary>
public sealed partial class StreamHub(IDirectLineActivityLog log, ILogger<StreamHub> logger)
{
    private const int ReplayBatch = 100;
    private readonly ConcurrentDictionary<string, StreamSubscription> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>Number of open streams.</summary>
    public int Count => _subscriptions.Count;

    /// <summary>Pushes stored activities to the conversation's socket, if one is open.</summary>
    public void Publish(string conversationId, IReadOnlyList<LoggedActivity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (_subscriptions.TryGetValue(conversationId, out var subscription))
        {
            foreach (var activity in activities)
            {
                subscription.Offer(activity);
            }
        }
    }

    /// <summary>Pushes an activity that is not kept in the history (typing) to the conversation's socket.</summary>
    public void PublishTransient(string conversationId, Activity activity) =>
        Publish(conversationId, [new LoggedActivity(0, activity)]);

    /// <summary>
    /// Serves one socket until either side closes it or a newer socket takes over: replays the history after
    /// <paramref name="afterSequence"/>, then sends new activities as they are published. Client frames (DirectLineJS sends an
    /// empty one every 20 s as a ping) are read and ignored.
    /// </summary>
    public async Task RunAsync(WebSocket socket, string conversationId, long afterSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var subscription = new StreamSubscription(conversationId);
        StreamSubscription? previous = null;
        _subscriptions.AddOrUpdate(conversationId, subscription, (_, old) => { previous = old; return subscription; });
        if (previous is not null)
        {
            LogCollision(logger, conversationId);
            previous.Close("collision");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, subscription.Closed);
        // Receiving has its own token: cancelling a pending receive aborts the socket, which would skip the close handshake.
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveUntilClosedAsync(socket, stop, stopReceiving.Token);
        try
        {
            // Subscribed before the replay, so nothing published meanwhile is missed; duplicates are skipped by sequence.
            var sent = afterSequence;
            while (true)
            {
                var batch = await log.ReadAsync(conversationId, sent, ReplayBatch, stop.Token);
                if (batch.Count == 0)
                {
                    break;
                }
                await SendAsync(socket, batch, stop.Token);
                sent = batch[^1].Sequence;
            }

            var pending = new List<LoggedActivity>();
            while (await subscription.Reader.WaitToReadAsync(stop.Token))
            {
                pending.Clear();
                while (subscription.Reader.TryRead(out var item))
                {
                    if (item.Sequence == 0 || item.Sequence > sent)
                    {
                        pending.Add(item);
                    }
                }
                if (pending.Count > 0)
                {
                    if (!FollowsOn(pending, sent))
                    {
                        // Two appends published out of order (an echo and the previous turn's replies, say): the history
                        // has both by now, so the gap is filled from it instead of skipping what arrives late.
                        var newest = pending.Max(p => p.Sequence);
                        pending.RemoveAll(p => p.Sequence > 0);
                        pending.AddRange(await ReadThroughAsync(conversationId, sent, newest, stop.Token));
                    }
                    await SendAsync(socket, pending, stop.Token);
                    sent = Math.Max(sent, pending.Max(p => p.Sequence));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Closed by the client, by a newer socket or by shutdown.
        }
        catch (WebSocketException)
        {
            // The client went away without a close handshake.
        }
        finally
        {
            _subscriptions.TryRemove(new KeyValuePair<string, StreamSubscription>(conversationId, subscription));
            await CloseAsync(socket, subscription.CloseReason);
            try
            {
                // The client answers the close frame; give it a moment, then drop the connection.
                await receiving.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            }
            catch (TimeoutException)
            {
                await stopReceiving.CancelAsync();
                await receiving;
            }
            subscription.Dispose();
        }
    }

    /// <summary>Whether the stored activities among <paramref name="items"/> continue <paramref name="sent"/> without a gap.</summary>
    private static bool FollowsOn(List<LoggedActivity> items, long sent)
    {
        foreach (var item in items)
        {
            if (item.Sequence != 0 && item.Sequence != ++sent)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The history after <paramref name="sent"/> up to at least <paramref name="newest"/>.</summary>
    private async Task<List<LoggedActivity>> ReadThroughAsync(string conversationId, long sent, long newest, CancellationToken cancellationToken)
    {
        var read = new List<LoggedActivity>();
        while (sent < newest)
        {
            var batch = await log.ReadAsync(conversationId, sent, ReplayBatch, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            read.AddRange(batch);
            sent = batch[^1].Sequence;
        }
        return read;
    }

    private static async Task SendAsync(WebSocket socket, IReadOnlyList<LoggedActivity> items, CancellationToken cancellationToken)
    {
        var last = items.Max(i => i.Sequence);
        // Frames without a new stored activity (typing only) carry no watermark: DirectLineJS keeps its own then.
        var set = new ActivitySet([.. items.Select(i => i.Activity)], last > 0 ? last.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJsonContext.Default.ActivitySet);
        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Ends with the socket.
        }
        finally
        {
            // The client closed or vanished: stop sending too.
            try
            {
                await stop.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The stream already ended.
            }
        }
    }

    private static async Task CloseAsync(WebSocket socket, string? reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(reason is null ? WebSocketCloseStatus.NormalClosure : WebSocketCloseStatus.PolicyViolation,
                reason ?? "closed", timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Already gone.
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "A new stream for Direct Line conversation {ConversationId} replaced the open one")]
    private static partial void LogCollision(ILogger logger, string conversationId);

    private sealed class StreamSubscription(string conversationId) : IDisposable
    {
        // Bounded: a client that stops reading is disconnected and catches up from its watermark, instead of growing memory.
        private readonly Channel<LoggedActivity> _queue = Channel.CreateBounded<LoggedActivity>(
            new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly CancellationTokenSource _closed = new();

        public string ConversationId { get; } = conversationId;

        public ChannelReader<LoggedActivity> Reader => _queue.Reader;

        public CancellationToken Closed => _closed.Token;

        public string? CloseReason { get; private set; }

        public void Offer(LoggedActivity activity)
        {
            if (!_queue.Writer.TryWrite(activity))
            {
                Close("overflow");
            }
        }

        public void Close(string reason)
        {
            CloseReason ??= reason;
            try
            {
                _closed.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }

        public void Dispose() => _closed.Dispose();
    }
}
