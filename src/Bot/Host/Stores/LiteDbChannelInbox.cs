using ChatCare.Channels.Messaging;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The channel inbox in LiteDB (<c>channel_inbox</c>): an auto-increment id gives the arrival order, and a unique index on
/// the channel's update key backs the de-duplication. Processed items are kept (marked done) for the retention period,
/// because channels redeliver for days (Meta up to 7) and the key must still be known then. Writes go through the
/// database's single writer; a new update is forced to the disk before it is acknowledged.
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
        database.Prepare(db =>
        {
            var items = Items(db);
            items.EnsureIndex("key", unique: true);
            items.EnsureIndex("done");
            items.EnsureIndex("conversationId");
        });
    }

    /// <inheritdoc />
    public Task<bool> TryAddAsync(NewInboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = item.Channel + ":" + item.Key;
        var document = new BsonDocument
        {
            ["key"] = key,
            ["channel"] = item.Channel,
            ["conversationId"] = item.ConversationId,
            ["kind"] = item.Kind,
            ["payload"] = item.Payload,
            ["occurredAt"] = item.OccurredAt.UtcDateTime,
            ["done"] = false,
            ["attempts"] = 0,
        };
        // Check and insert run on the one writer thread, so two deliveries of one update cannot both get in; forced to
        // the disk because the webhook acknowledges the delivery right after and the channel will not send it again.
        return _database.WriteToDiskAsync(db =>
        {
            var items = Items(db);
            if (items.Exists(Query.EQ("key", key)))
            {
                return false;
            }
            items.Insert(document);
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
    public Task MarkDoneAsync(long sequence, string? error, CancellationToken cancellationToken) =>
        UpdateAsync(sequence, d =>
        {
            d["done"] = true;
            d["error"] = error is null ? BsonValue.Null : error;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RecordFailureAsync(long sequence, string error, CancellationToken cancellationToken) =>
        UpdateAsync(sequence, d =>
        {
            d["attempts"] = d["attempts"].AsInt32 + 1;
            d["error"] = error;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _database.WriteAsync(db => Items(db).DeleteMany(Query.And(Query.EQ("done", true), Query.LT("occurredAt", before.UtcDateTime))),
            cancellationToken);

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

    private Task UpdateAsync(long sequence, Action<BsonDocument> change, CancellationToken cancellationToken) =>
        _database.WriteAsync(db =>
        {
            var items = Items(db);
            var document = items.FindById(sequence) ?? throw new InvalidOperationException($"Inbox item {sequence} does not exist.");
            change(document);
            items.Update(document);
        }, cancellationToken);

    private static ILiteCollection<BsonDocument> Items(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Int64);

    private static DateTimeOffset Utc(BsonValue value) => new(value.AsDateTime.ToUniversalTime(), TimeSpan.Zero);
}
