using ChatCare.Channels.Messaging;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The channel outbox in LiteDB (<c>channel_outbox</c>): an auto-increment id gives the order of enqueueing; pending
/// messages are indexed by state, sent ones by the channel's id for them (statuses find them by it). Writes go through
/// the database's single writer and are awaited until committed ("marked sent" is on disk before the next send).
/// </summary>
public sealed class LiteDbChannelOutbox : IChannelOutbox
{
    private const string Collection = "channel_outbox";
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _messages;

    /// <summary>Uses the <c>channel_outbox</c> collection.</summary>
    public LiteDbChannelOutbox(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _messages = database.Database.GetCollection(Collection, BsonAutoId.Int64);
        database.Prepare(db =>
        {
            var messages = Messages(db);
            messages.EnsureIndex("state");
            messages.EnsureIndex("remoteId");
            messages.EnsureIndex("conversationId");
        });
    }

    /// <inheritdoc />
    public Task EnqueueAsync(string channel, string conversationId, IReadOnlyList<string> payloads, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (payloads.Count == 0)
        {
            return Task.CompletedTask;
        }
        var documents = payloads.Select(payload => new BsonDocument
        {
            ["channel"] = channel,
            ["conversationId"] = conversationId,
            ["payload"] = payload,
            ["state"] = nameof(OutboxState.Pending),
            ["attempts"] = 0,
            ["createdAt"] = now.UtcDateTime,
            ["nextAttemptAt"] = DateTime.MinValue,
            ["delivery"] = nameof(DeliveryStatus.None),
        }).ToList();
        return _database.WriteAsync(db => Messages(db).InsertBulk(documents), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxMessage>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cutoff = now.UtcDateTime;
        IReadOnlyList<OutboxMessage> due = [.. Pending()
            .GroupBy(d => (d["channel"].AsString, d["conversationId"].AsString))
            .Select(g => g.First())
            .Where(d => d["nextAttemptAt"].AsDateTime.ToUniversalTime() <= cutoff)
            .Take(limit)
            .Select(d => new OutboxMessage(d["_id"].AsInt64, d["channel"].AsString, d["conversationId"].AsString, d["payload"].AsString,
                d["attempts"].AsInt32))];
        return Task.FromResult(due);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var next = Pending()
            .Select(d => (DateTimeOffset?)new DateTimeOffset(d["nextAttemptAt"].AsDateTime.ToUniversalTime(), TimeSpan.Zero))
            .Min();
        return Task.FromResult(next);
    }

    /// <inheritdoc />
    public Task MarkSentAsync(long id, string? remoteId, DateTimeOffset at, CancellationToken cancellationToken)=>
        UpdateAsync(id, d =>
        {
            d["state"] = nameof(OutboxState.Sent);
            d["remoteId"] = remoteId is null ? BsonValue.Null : remoteId;
            d["sentAt"] = at.UtcDateTime;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)=>
        UpdateAsync(id, d =>
        {
            d["attempts"] = d["attempts"].AsInt32 + 1;
            d["nextAttemptAt"] = nextAttemptAt.UtcDateTime;
            d["error"] = error;
        }, cancellationToken);

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken)=>
        UpdateAsync(id, d =>
        {
            d["state"] = nameof(OutboxState.Failed);
            d["error"] = error;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<OutboxRecord?> RecordDeliveryAsync(string channel, string remoteId, DeliveryStatus status, DateTimeOffset at, string? error,
        CancellationToken cancellationToken)
    {
        // Read, compare and update on the one writer thread: two statuses of one message cannot interleave.
        return _database.WriteAsync(db =>
        {
            var messages = Messages(db);
            var document = messages.Find(Query.EQ("remoteId", remoteId)).FirstOrDefault(d => d["channel"].AsString == channel);
            if (document is null)
            {
                return null;
            }
            if (status > Enum.Parse<DeliveryStatus>(document["delivery"].AsString))
            {
                document["delivery"] = status.ToString();
                document["deliveryAt"] = at.UtcDateTime;
                if (error is not null)
                {
                    document["error"] = error;
                }
                messages.Update(document);
            }
            return (OutboxRecord?)ToRecord(document);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _database.WriteAsync(db => Messages(db).DeleteMany(Query.And(
            Query.Not("state", nameof(OutboxState.Pending)), Query.LT("createdAt", before.UtcDateTime))), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxRecord>> ListAsync(string channel, string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<OutboxRecord> records = [.. _messages.Find(Query.EQ("conversationId", conversationId))
            .Where(d => d["channel"].AsString == channel)
            .OrderBy(d => d["_id"].AsInt64)
            .Select(ToRecord)];
        return Task.FromResult(records);
    }

    private IEnumerable<BsonDocument> Pending() =>
        _messages.Find(Query.EQ("state", nameof(OutboxState.Pending))).OrderBy(d => d["_id"].AsInt64);

    private Task UpdateAsync(long id, Action<BsonDocument> change, CancellationToken cancellationToken) =>
        _database.WriteAsync(db =>
        {
            var messages = Messages(db);
            var document = messages.FindById(id) ?? throw new InvalidOperationException($"Outbox message {id} does not exist.");
            change(document);
            messages.Update(document);
        }, cancellationToken);

    private static ILiteCollection<BsonDocument> Messages(LiteDatabase db) => db.GetCollection(Collection, BsonAutoId.Int64);

    private static OutboxRecord ToRecord(BsonDocument d) => new(
        d["_id"].AsInt64,
        d["conversationId"].AsString,
        d["payload"].AsString,
        Enum.Parse<OutboxState>(d["state"].AsString),
        d["attempts"].AsInt32,
        d["remoteId"].IsNull ? null : d["remoteId"].AsString,
        Enum.Parse<DeliveryStatus>(d["delivery"].AsString),
        d["error"].IsNull ? null : d["error"].AsString);
}
