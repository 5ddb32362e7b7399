using ChatCare.Channels.Messaging;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The channel inbox in LiteDB (<c>channel_inbox</c>): an auto-increment id gives the arrival order, and a unique index on
/// the channel's update key makes a redelivery fail to insert, which is the de-duplication. Processed items are kept
/// (marked done), because channels redeliver for days (Meta up to 7) and the key must still be known then.
/// </summary>
public sealed class LiteDbChannelInbox : IChannelInbox
{
    private const string Collection = "channel_inbox";
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _items;

    /// <summary>Uses the <c>channel_inbox</c> collection.</summary>
    public LiteDbChannelInbox(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _items = database.Database.GetCollection(Collection, BsonAutoId.Int64);
        _items.EnsureIndex("key", unique: true);
        _items.EnsureIndex("done");
        _items.EnsureIndex("conversationId");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Forced to the disk before it completes: the webhook acknowledges the delivery right after, and the channel will
    /// not send it again. The check for the key runs on the single writer thread, so it cannot race another delivery.
    /// </remarks>
    public Task<bool> TryAddAsync(NewInboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = item.Channel + ":" + item.Key;
        return _database.WriteToDiskAsync(db =>
        {
            var items = db.GetCollection(Collection, BsonAutoId.Int64);
            if (items.Exists(Query.EQ("key", key)))
            {
                return false;
            }
            items.Insert(new BsonDocument
            {
                ["key"] = key,
                ["channel"] = item.Channel,
                ["conversationId"] = item.ConversationId,
                ["kind"] = item.Kind,
                ["payload"] = item.Payload,
                ["occurredAt"] = item.OccurredAt.UtcDateTime,
                ["done"] = false,
                ["attempts"] = 0,
            });
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxItem>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<InboxItem> pending = [.. _items.Query()
            .Where(Query.EQ("done", false))
            .OrderBy("_id")
            .Limit(limit)
            .ToEnumerable()
            .Select(d => new InboxItem(
                d["_id"].AsInt64,
                d["channel"].AsString,
                d["key"].AsString[(d["channel"].AsString.Length + 1)..],
                d["conversationId"].AsString,
                d["kind"].AsString,
                d["payload"].AsString,
                Utc(d["occurredAt"]),
                d["attempts"].AsInt32))];
        return Task.FromResult(pending);
    }

    /// <inheritdoc />
    public Task MarkDoneAsync(long sequence, string? error, CancellationToken cancellationToken)
    {
        Update(sequence, d =>
        {
            d["done"] = true;
            d["error"] = error is null ? BsonValue.Null : error;
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordFailureAsync(long sequence, string error, CancellationToken cancellationToken)
    {
        Update(sequence, d =>
        {
            d["attempts"] = d["attempts"].AsInt32 + 1;
            d["error"] = error;
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_items.DeleteMany(Query.And(Query.EQ("done", true), Query.LT("occurredAt", before.UtcDateTime))));
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> LastCustomerMessageAtAsync(string channel, string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var latest = _items.Find(Query.EQ("conversationId", conversationId))
            .Where(d => d["channel"].AsString == channel && d["kind"].AsString == InboxKinds.CustomerMessage)
            .Select(d => (DateTimeOffset?)Utc(d["occurredAt"]))
            .Max();
        return Task.FromResult(latest);
    }

    private void Update(long sequence, Action<BsonDocument> change)
    {
        var document = _items.FindById(sequence) ?? throw new InvalidOperationException($"Inbox item {sequence} does not exist.");
        change(document);
        _items.Update(document);
    }

    private static DateTimeOffset Utc(BsonValue value) => new(value.AsDateTime.ToUniversalTime(), TimeSpan.Zero);
}
