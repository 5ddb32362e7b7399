using System.Text.Json.Nodes;
using ChatCare.Skills.Privacy;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Erasure and retention over the <c>transcripts</c> collection (STD-P3). Anonymising keeps the entries (the conversation's
/// shape and times) but replaces every text and the customer's name with a marker.
/// </summary>
public sealed class LiteDbTranscriptRetention : ITranscriptRetention
{
    /// <summary>What replaces erased text.</summary>
    public const string Erased = "[suprimido]";
    private const string Collection = "transcripts";
    private readonly ChatCareDatabase _database;

    /// <summary>Uses the <c>transcripts</c> collection.</summary>
    public LiteDbTranscriptRetention(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        database.Prepare(db =>
        {
            var entries = db.GetCollection(Collection);
            entries.EnsureIndex("conversationId");
            entries.EnsureIndex("at");
        });
    }

    /// <inheritdoc />
    public Task<int> AnonymiseAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        cancellationToken.ThrowIfCancellationRequested();
        // One write: it sees every entry committed before it, including this turn's if queued earlier.
        return _database.WriteAsync(db => Anonymise(db.GetCollection(Collection), conversationIds), cancellationToken);
    }

    private static int Anonymise(ILiteCollection<BsonDocument> documents, IReadOnlyCollection<string> conversationIds)
    {
        var changed = 0;
        foreach (var id in conversationIds)
        {
            foreach (var document in documents.Find(Query.EQ("conversationId", id)).ToList())
            {
                foreach (var entry in LiteDbTranscriptStore.EntriesOf(document))
                {
                    entry["activity"] = AnonymisedActivity(entry["activity"].AsString);
                    entry["anonymised"] = true;
                    changed++;
                }
                documents.Update(document);
            }
        }
        return changed;
    }

    private static string AnonymisedActivity(string json)
    {
        var activity = JsonNode.Parse(json)!.AsObject();
        // Both directions: the assistant reads the customer's data back in the summary.
        if (activity["text"] is not null)
        {
            activity["text"] = Erased;
        }
        activity.Remove("value");
        activity.Remove("attachments");
        activity.Remove("channelData");
        activity.Remove("suggestedActions");
        foreach (var account in new[] { "from", "recipient" })
        {
            if (activity[account] is JsonObject who && who["role"]?.GetValue<string>() != "bot" && who["name"] is not null)
            {
                who["name"] = Erased;
            }
        }
        return activity.ToJsonString();
    }

    /// <inheritdoc />
    public Task<int> PurgeOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _database.WriteAsync(db => Purge(db.GetCollection(Collection), before.UtcDateTime), cancellationToken);
    }

    /// <summary>Deletes the documents whose latest entry is older than <paramref name="before"/>; returns how many entries went.</summary>
    private static int Purge(ILiteCollection<BsonDocument> documents, DateTime before)
    {
        var old = documents.Find(Query.LT("at", before)).ToList();
        foreach (var document in old)
        {
            documents.Delete(document["_id"]);
        }
        return old.Sum(document => LiteDbTranscriptStore.EntriesOf(document).Count());
    }
}
