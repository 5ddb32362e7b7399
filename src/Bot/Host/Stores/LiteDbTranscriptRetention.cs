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
    private readonly ILiteCollection<BsonDocument> _entries;

    /// <summary>Uses the <c>transcripts</c> collection.</summary>
    public LiteDbTranscriptRetention(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _entries = database.Database.GetCollection("transcripts");
        _entries.EnsureIndex("conversationId");
        _entries.EnsureIndex("at");
    }

    /// <inheritdoc />
    public Task<int> AnonymiseAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        var changed = 0;
        foreach (var id in conversationIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var entry in _entries.Find(Query.EQ("conversationId", id)).ToList())
            {
                var activity = JsonNode.Parse(entry["activity"].AsString)!.AsObject();
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
                entry["activity"] = activity.ToJsonString();
                entry["anonymised"] = true;
                _entries.Update(entry);
                changed++;
            }
        }
        return Task.FromResult(changed);
    }

    /// <inheritdoc />
    public Task<int> PurgeOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_entries.DeleteMany(Query.LT("at", before.UtcDateTime)));
    }
}
