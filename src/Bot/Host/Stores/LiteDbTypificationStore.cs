using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Handoff.Queue;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>Typifications (STD-X3) in the <c>typifications</c> collection, indexed by conversation and end time.</summary>
public sealed class LiteDbTypificationStore : ITypificationStore
{
    private readonly ILiteCollection<BsonDocument> _records;

    /// <summary>Uses the <c>typifications</c> collection.</summary>
    public LiteDbTypificationStore(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Prepare(db =>
        {
            var records = db.GetCollection("typifications");
            records.EnsureIndex("conversationId");
            records.EnsureIndex("ended");
        });
        _records = database.Database.GetCollection("typifications");
    }

    /// <inheritdoc />
    public Task SaveAsync(Typification record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        _records.Upsert(new BsonDocument
        {
            ["_id"] = record.Id,
            ["conversationId"] = record.ConversationId,
            ["ended"] = record.EndedAt.UtcDateTime,
            ["json"] = JsonSerializer.Serialize(record),
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Typification?> LatestAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_records.Find(Query.EQ("conversationId", conversationId)).Select(Read).MaxBy(r => r.EndedAt));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Typification>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Typification> records = [.. _records.Find(Query.Between("ended", from.UtcDateTime, to.UtcDateTime)).Select(Read)
            .Where(r => r.EndedAt < to).OrderByDescending(r => r.EndedAt)];
        return Task.FromResult(records);
    }

    private static Typification Read(BsonDocument document) =>
        JsonSerializer.Deserialize<Typification>(document["json"].AsString) ?? throw new InvalidDataException($"Empty typification {document["_id"]}.");
}
