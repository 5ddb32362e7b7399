using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Append-only transcripts in LiteDB, indexed by conversation: one document per append (a turn's inbound activity and
/// its replies), written through the journal. One document instead of one per activity is a third of the index work.
/// </summary>
public sealed class LiteDbTranscriptStore : ITranscriptStore
{
    private const string Collection = "transcripts";
    private const string EntriesField = "entries";
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
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }
        var document = new BsonDocument
        {
            ["conversationId"] = conversationId,
            // The latest entry's time: retention removes a document once all of its entries are old enough.
            ["at"] = entries.Max(e => e.RecordedAt).UtcDateTime,
            [EntriesField] = new BsonArray(entries.Select(e => new BsonDocument
            {
                ["direction"] = e.Direction.ToString(),
                ["at"] = e.RecordedAt.UtcDateTime,
                ["activity"] = JsonSerializer.Serialize(e.Activity, ActivityJson.Context.Activity),
            })),
        };
        return _database.WriteBehindAsync(Collection, JournalOperation.Insert, [document]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        // Entries of turns that just ended may still be on their way from the journal to LiteDB.
        await _database.WhenAppliedAsync(cancellationToken);
        IReadOnlyList<TranscriptEntry> entries = [.. _entries.Find(Query.EQ("conversationId", conversationId))
            .OrderBy(d => d["_id"].AsObjectId)
            .SelectMany(EntriesOf)
            .Select(e => new TranscriptEntry(
                Enum.Parse<TranscriptDirection>(e["direction"].AsString),
                JsonSerializer.Deserialize(e["activity"].AsString, ActivityJson.Context.Activity)!,
                new DateTimeOffset(e["at"].AsDateTime.ToUniversalTime(), TimeSpan.Zero)))];
        return entries;
    }

    /// <summary>
    /// The entries of one stored document: a document holds one append (a turn's inbound activity and replies) in
    /// <c>entries</c>; documents written before that layout are a single entry themselves.
    /// </summary>
    internal static IEnumerable<BsonDocument> EntriesOf(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.TryGetValue(EntriesField, out var entries)
            ? entries.AsArray.Select(entry => entry.AsDocument)
            : [document];
    }
}
