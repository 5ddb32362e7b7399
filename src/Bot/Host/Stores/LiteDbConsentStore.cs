using ChatCare.Skills.Privacy;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>Consent records (STD-P1) in LiteDB: inserted once, never updated; later changes go to <c>consent_events</c>.</summary>
public sealed class LiteDbConsentStore : IConsentStore
{
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _records;
    private readonly ILiteCollection<BsonDocument> _events;

    /// <summary>Uses the <c>consents</c> and <c>consent_events</c> collections.</summary>
    public LiteDbConsentStore(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        database.Prepare(db =>
        {
            db.GetCollection("consents").EnsureIndex("conversationId");
            db.GetCollection("consent_events").EnsureIndex("consentId");
        });
        _records = database.Database.GetCollection("consents");
        _events = database.Database.GetCollection("consent_events");
    }

    /// <inheritdoc />
    public Task RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        var purposes = new BsonDocument();
        foreach (var (purpose, accepted) in record.Purposes)
        {
            purposes[purpose] = accepted;
        }
        var document = new BsonDocument
        {
            ["_id"] = record.Id,
            ["conversationId"] = record.ConversationId,
            ["customerId"] = record.CustomerId,
            ["recordedAt"] = record.RecordedAt.UtcDateTime,
            ["country"] = record.Country,
            ["noticeVersion"] = record.NoticeVersion,
            ["language"] = record.Language,
            ["channelId"] = record.ChannelId,
            ["accepted"] = record.Accepted,
            ["purposes"] = purposes,
        };
        return _database.WriteToDiskAsync(db => db.GetCollection("consents").Insert(document), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ConsentRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _records.FindById(id);
        return Task.FromResult(document is null ? null : Map(document));
    }

    /// <inheritdoc />
    public Task AppendEventAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var document = new BsonDocument
        {
            ["consentId"] = consentEvent.ConsentId,
            ["at"] = consentEvent.At.UtcDateTime,
            ["by"] = consentEvent.By,
            ["type"] = consentEvent.Type,
        };
        return _database.WriteToDiskAsync(db => db.GetCollection("consent_events").Insert(document), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConsentRecord>> ForConversationsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<ConsentRecord> records = [.. conversationIds.SelectMany(id => _records.Find(Query.EQ("conversationId", id))).Select(Map)];
        return Task.FromResult(records);
    }

    private static ConsentRecord Map(BsonDocument d) => new(
        d["_id"].AsString, d["conversationId"].AsString, d["customerId"].AsString,
        new DateTimeOffset(d["recordedAt"].AsDateTime.ToUniversalTime(), TimeSpan.Zero),
        d["country"].AsString, d["noticeVersion"].AsString, d["language"].AsString, d["channelId"].AsString, d["accepted"].AsBoolean,
        d["purposes"].AsDocument.ToDictionary(p => p.Key, p => p.Value.AsBoolean));
}
