using System.Threading.Channels;

namespace ChatCare.Channels.Messaging;

/// <summary>
/// Wakes a background worker as soon as new work is stored, instead of waiting for its next poll.
/// Signals coalesce: many writes while the worker is busy wake it once.
/// </summary>
public sealed class WakeUp
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Tells the worker there is work.</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    /// <summary>Waits for a signal or for <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: poll anyway.
        }
    }
}

/// <summary>The wake-up of <see cref="InboxWorker"/>.</summary>
public sealed class InboxWakeUp
{
    /// <summary>The signal.</summary>
    public WakeUp Signal { get; } = new();
}

/// <summary>The wake-up of <see cref="OutboxDispatcher"/>.</summary>
public sealed class OutboxWakeUp
{
    /// <summary>The signal.</summary>
    public WakeUp Signal { get; } = new();
}
