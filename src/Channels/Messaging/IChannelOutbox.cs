namespace ChatCare.Channels.Messaging;

/// <summary>
/// Durable outbox of messages to channels. Adapters enqueue inside <c>IChannelAdapter.SendAsync</c>, so replies and
/// proactive messages alike survive a crash or a remote outage; <see cref="OutboxDispatcher"/> sends them in order per
/// conversation, retrying with back-off, and marks each one sent before the conversation's next one goes.
/// </summary>
public interface IChannelOutbox
{
    /// <summary>Appends messages (channel-specific JSON payloads) to a conversation's queue, in order.</summary>
    Task EnqueueAsync(string channel, string conversationId, IReadOnlyList<string> payloads, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// For each conversation with pending messages, its oldest one if it is due at <paramref name="now"/>: later messages
    /// of a conversation wait for the earlier ones, which keeps them in order.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>When the earliest pending message is due, or null when nothing is pending.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken);

    /// <summary>Marks a message sent, with the channel's id for it (a Telegram message id, a WhatsApp wamid).</summary>
    Task MarkSentAsync(long id, string? remoteId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and schedules the next one.</summary>
    Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>Gives up on a message: it will not be sent.</summary>
    Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken);

    /// <summary>
    /// Records a delivery status reported by the channel on the sent message with <paramref name="remoteId"/>.
    /// Statuses arrive out of order, so a status never replaces a later one (read is not downgraded to delivered).
    /// Returns the message, or null when no sent message has that id.
    /// </summary>
    Task<OutboxRecord?> RecordDeliveryAsync(string channel, string remoteId, DeliveryStatus status, DateTimeOffset at, string? error,
        CancellationToken cancellationToken);

    /// <summary>Deletes sent and failed messages enqueued before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Every message of a conversation, oldest first (operations and tests).</summary>
    Task<IReadOnlyList<OutboxRecord>> ListAsync(string channel, string conversationId, CancellationToken cancellationToken);
}

/// <summary>A message waiting to be sent.</summary>
/// <param name="Id">Order of enqueueing; the message's id.</param>
/// <param name="Channel">Channel id.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Payload">What to send, as the channel's adapter wrote it.</param>
/// <param name="Attempts">Failed attempts so far.</param>
public sealed record OutboxMessage(long Id, string Channel, string ConversationId, string Payload, int Attempts);

/// <summary>Where a message is in its life.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent (or retried).</summary>
    Pending,
    /// <summary>Accepted by the channel.</summary>
    Sent,
    /// <summary>Given up on.</summary>
    Failed,
}

/// <summary>What the channel reported after accepting a message, in the order it can only move forward.</summary>
public enum DeliveryStatus
{
    /// <summary>Nothing reported yet.</summary>
    None,
    /// <summary>The channel sent it.</summary>
    Sent,
    /// <summary>It reached the customer's device.</summary>
    Delivered,
    /// <summary>The customer read it.</summary>
    Read,
    /// <summary>The channel could not deliver it.</summary>
    Failed,
}

/// <summary>A message in the outbox, whatever its state.</summary>
/// <param name="Id">Id.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Payload">What was (or is to be) sent.</param>
/// <param name="State">Pending, sent or failed.</param>
/// <param name="Attempts">Failed attempts.</param>
/// <param name="RemoteId">The channel's id once sent.</param>
/// <param name="Delivery">The latest delivery status the channel reported.</param>
/// <param name="Error">The latest error.</param>
public sealed record OutboxRecord(long Id, string ConversationId, string Payload, OutboxState State, int Attempts, string? RemoteId,
    DeliveryStatus Delivery, string? Error);

/// <summary>Sends the outbox messages of one channel.</summary>
public interface IOutboxTransport
{
    /// <summary>The channel whose messages this transport sends.</summary>
    string Channel { get; }

    /// <summary>Sends one message. Exceptions other than cancellation count as transient failures.</summary>
    Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The result of one send attempt.</summary>
public abstract record SendOutcome
{
    /// <summary>The channel accepted the message.</summary>
    public static SendOutcome Sent(string? remoteId) => new Accepted(remoteId);

    /// <summary>A transient failure: try again after <paramref name="after"/>, or after the back-off when null.</summary>
    public static SendOutcome Retry(string error, TimeSpan? after = null) => new TryAgain(error, after);

    /// <summary>A permanent failure: retrying would fail the same way.</summary>
    public static SendOutcome Fail(string error) => new GiveUp(error);

    /// <summary>Accepted.</summary>
    /// <param name="RemoteId">The channel's id for the message.</param>
    public sealed record Accepted(string? RemoteId) : SendOutcome;

    /// <summary>Transient failure.</summary>
    /// <param name="Error">What went wrong.</param>
    /// <param name="After">How long the channel asked to wait, if it did.</param>
    public sealed record TryAgain(string Error, TimeSpan? After) : SendOutcome;

    /// <summary>Permanent failure.</summary>
    /// <param name="Error">What went wrong.</param>
    public sealed record GiveUp(string Error) : SendOutcome;
}
