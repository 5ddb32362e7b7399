namespace ChatCare.Channels.Messaging;

/// <summary>
/// Durable inbox of channel webhooks and polled updates. An update is stored before the channel is acknowledged,
/// keyed by the channel's own id (Telegram <c>update_id</c>, WhatsApp wamid), so a redelivery is recognised and
/// nothing acknowledged is lost in a crash: <see cref="InboxWorker"/> processes whatever is still pending after a restart.
/// </summary>
public interface IChannelInbox
{
    /// <summary>Stores <paramref name="item"/>; false when an item with the same key was stored before (a redelivery).</summary>
    Task<bool> TryAddAsync(NewInboxItem item, CancellationToken cancellationToken);

    /// <summary>The oldest unprocessed items of every channel, in the order they were stored.</summary>
    Task<IReadOnlyList<InboxItem>> PendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Marks an item processed (or given up on, with <paramref name="error"/>).</summary>
    Task MarkDoneAsync(long sequence, string? error, CancellationToken cancellationToken);

    /// <summary>Counts a failed processing attempt; the item stays pending.</summary>
    Task RecordFailureAsync(long sequence, string error, CancellationToken cancellationToken);

    /// <summary>Deletes processed items that happened before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>When the customer of <paramref name="conversationId"/> last sent a message (channel time), if ever.</summary>
    Task<DateTimeOffset?> LastCustomerMessageAtAsync(string channel, string conversationId, CancellationToken cancellationToken);
}

/// <summary>An update to store.</summary>
/// <param name="Channel">Channel id, e.g. <c>telegram</c>.</param>
/// <param name="Key">The channel's unique id of the update; the de-duplication key.</param>
/// <param name="ConversationId">The conversation it belongs to.</param>
/// <param name="Kind">What it is; see <see cref="InboxKinds"/>.</param>
/// <param name="Payload">The update as JSON, in the channel's own format.</param>
/// <param name="OccurredAt">When the channel says it happened.</param>
public sealed record NewInboxItem(string Channel, string Key, string ConversationId, string Kind, string Payload, DateTimeOffset OccurredAt);

/// <summary>A stored update.</summary>
/// <param name="Sequence">Order of arrival; the item's id.</param>
/// <param name="Channel">Channel id.</param>
/// <param name="Key">The channel's unique id of the update.</param>
/// <param name="ConversationId">The conversation it belongs to.</param>
/// <param name="Kind">What it is; see <see cref="InboxKinds"/>.</param>
/// <param name="Payload">The update as JSON.</param>
/// <param name="OccurredAt">When the channel says it happened.</param>
/// <param name="Attempts">Failed processing attempts so far.</param>
public sealed record InboxItem(long Sequence, string Channel, string Key, string ConversationId, string Kind, string Payload,
    DateTimeOffset OccurredAt, int Attempts);

/// <summary>Kinds of inbox items.</summary>
public static class InboxKinds
{
    /// <summary>Something the customer sent (a message or a button press): it opens WhatsApp's 24-hour window.</summary>
    public const string CustomerMessage = "message";

    /// <summary>A delivery status of a message ChatCare sent.</summary>
    public const string Status = "status";
}

/// <summary>Processes the inbox items of one channel.</summary>
public interface IInboxHandler
{
    /// <summary>The channel whose items this handler processes.</summary>
    string Channel { get; }

    /// <summary>Processes one item. Throwing leaves it pending for another attempt.</summary>
    Task HandleAsync(InboxItem item, CancellationToken cancellationToken);
}
