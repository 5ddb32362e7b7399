using System.Globalization;
using ChatCare.Core.Conversations;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>Data-rights requests in LiteDB with a gap-free code per year (same counter scheme as complaints, on the single writer); events appended.</summary>
public sealed class LiteDbDataRightsStore : IDataRightsStore
{
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _requests;
    private readonly string _prefix;

    /// <summary>Uses the <c>rights_requests</c>, <c>rights_events</c> and <c>counters</c> collections.</summary>
    public LiteDbDataRightsStore(ChatCareDatabase database, IOptions<ComplaintsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _prefix = options.Value.RightsCodePrefix;
        database.Prepare(db =>
        {
            ChatCareDatabase.CreateCollection(db, "rights_requests");
            db.GetCollection("rights_events").EnsureIndex("code");
        });
        _requests = database.Database.GetCollection("rights_requests");
    }

    /// <inheritdoc />
    public Task<DataRightsRequest> OpenAsync(DataRightsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return _database.WriteToDiskAsync(db =>
        {
            var counters = db.GetCollection("counters");
            var counterId = $"rights-{_prefix}-{request.Year}";
            var next = (counters.FindById(counterId)?["value"].AsInt32 ?? 0) + 1;
            counters.Upsert(new BsonDocument { ["_id"] = counterId, ["value"] = next });
            var opened = request with { Code = string.Create(CultureInfo.InvariantCulture, $"{_prefix}-{request.Year}-{next:D6}") };
            db.GetCollection("rights_requests").Insert(new BsonDocument
            {
                ["_id"] = opened.Code,
                ["right"] = opened.Right.ToString(),
                ["conversationId"] = opened.ConversationId,
                ["openedAt"] = opened.OpenedAt.UtcDateTime,
                ["year"] = opened.Year,
                ["dueDate"] = opened.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["verified"] = opened.Verified,
                ["subjectConversations"] = new BsonArray(opened.SubjectConversations.Select(c => new BsonValue(c))),
                ["complaintCodes"] = new BsonArray(opened.ComplaintCodes.Select(c => new BsonValue(c))),
            });
            return opened;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DataRightsRequest?> FindAsync(string code, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var d = _requests.FindById(code);
        return Task.FromResult(d is null ? null : new DataRightsRequest(
            d["_id"].AsString, Enum.Parse<DataRight>(d["right"].AsString), d["conversationId"].AsString,
            new DateTimeOffset(d["openedAt"].AsDateTime.ToUniversalTime(), TimeSpan.Zero), d["year"].AsInt32,
            DateOnly.ParseExact(d["dueDate"].AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture), d["verified"].AsBoolean,
            [.. d["subjectConversations"].AsArray.Select(v => v.AsString)], [.. d["complaintCodes"].AsArray.Select(v => v.AsString)]));
    }

    /// <inheritdoc />
    public Task AppendEventAsync(string code, DataRightsEvent rightsEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rightsEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var document = new BsonDocument { ["code"] = code, ["at"] = rightsEvent.At.UtcDateTime, ["by"] = rightsEvent.By, ["type"] = rightsEvent.Type };
        return _database.WriteToDiskAsync(db => db.GetCollection("rights_events").Insert(document), cancellationToken);
    }
}
