using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>Append-only transcripts in LiteDB, one document per activity, indexed by conversation.</summary>
public sealed class LiteDbTranscriptStore : ITranscriptStore
{
    private const string Collection = "transcripts";
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _entries;

    /// <summary>Uses the <c>transcripts</c> collection.</summary>
    public LiteDbTranscriptStore(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        database.Prepare(db => db.GetCollection(Collection).EnsureIndex("conversationId"));
        _entries = database.Database.GetCollection(Collection);
    }

    /// <inheritdoc />
    public Task AppendAsync(string conversationId, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        BsonDocument[] documents = [.. entries.Select(e => new BsonDocument
        {
            ["conversationId"] = conversationId,
            ["direction"] = e.Direction.ToString(),
            ["at"] = e.RecordedAt.UtcDateTime,
            ["activity"] = JsonSerializer.Serialize(e.Activity, ActivityJson.Context.Activity),
        })];
        return _database.WriteAsync(db => db.GetCollection(Collection).Insert(documents), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<TranscriptEntry> entries = [.. _entries.Find(Query.EQ("conversationId", conversationId))
            .OrderBy(d => d["_id"].AsObjectId)
            .Select(d => new TranscriptEntry(
                Enum.Parse<TranscriptDirection>(d["direction"].AsString),
                JsonSerializer.Deserialize(d["activity"].AsString, ActivityJson.Context.Activity)!,
                new DateTimeOffset(d["at"].AsDateTime.ToUniversalTime(), TimeSpan.Zero)))];
        return Task.FromResult(entries);
    }
}
