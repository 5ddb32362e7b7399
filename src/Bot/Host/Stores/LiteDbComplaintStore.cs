using System.Globalization;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Complaints in LiteDB. Filing checks the consent record, takes the next number of the year's counter and inserts the
/// complaint and its <c>filed</c> event in one transaction, serialised by a lock: codes are gap-free and unique under
/// concurrent filings, and a crash leaves either all of it or none. Complaints are never updated; events are appended.
/// </summary>
public sealed class LiteDbComplaintStore : IComplaintStore
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _complaints;
    private readonly ILiteCollection<BsonDocument> _events;
    private readonly ILiteCollection<BsonDocument> _counters;
    private readonly ILiteCollection<BsonDocument> _consents;
    private readonly string _prefix;
    private readonly Lock _filing = new();

    /// <summary>Uses the <c>complaints</c>, <c>complaint_events</c>, <c>counters</c> and <c>consents</c> collections.</summary>
    public LiteDbComplaintStore(ChatCareDatabase database, Microsoft.Extensions.Options.IOptions<ComplaintsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database.Database;
        _prefix = options.Value.CodePrefix;
        _complaints = _database.GetCollection("complaints");
        _complaints.EnsureIndex("draftId", unique: true);
        _complaints.EnsureIndex("email");
        _complaints.EnsureIndex("filedAt");
        _events = _database.GetCollection("complaint_events");
        _events.EnsureIndex("code");
        _counters = _database.GetCollection("counters");
        _consents = _database.GetCollection("consents");
    }

    /// <inheritdoc />
    public Task<Complaint> FileAsync(ComplaintFiling filing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filing);
        cancellationToken.ThrowIfCancellationRequested();
        CheckConsent(filing);

        lock (_filing)
        {
            if (_complaints.FindOne(Query.EQ("draftId", filing.DraftId)) is { } existing)
            {
                return Task.FromResult(Load(existing));
            }

            // One thread, no awaits: the counter and the complaint commit together or not at all.
            _database.BeginTrans();
            try
            {
                var counterId = $"complaints-{_prefix}-{filing.Year}";
                var counter = _counters.FindById(counterId);
                var next = counter is null ? 1 : counter["value"].AsInt32 + 1;
                _counters.Upsert(new BsonDocument { ["_id"] = counterId, ["value"] = next });
                var code = string.Create(CultureInfo.InvariantCulture, $"{_prefix}-{filing.Year}-{next:D6}");
                _complaints.Insert(ToDocument(code, filing));
                _events.Insert(ToDocument(code, new ComplaintEvent(filing.FiledAt, "customer", ComplaintEventTypes.Filed, ComplaintStatuses.Received, null)));
                _database.Commit();
                return Task.FromResult(new Complaint(code, filing,
                    [new ComplaintEvent(filing.FiledAt, "customer", ComplaintEventTypes.Filed, ComplaintStatuses.Received, null)]));
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public Task<Complaint?> FindAsync(string code, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _complaints.FindById(code);
        return Task.FromResult(document is null ? null : Load(document));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Complaint>> ListAsync(ComplaintFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        var query = _complaints.Query();
        if (filter.Kind is { } kind)
        {
            query = query.Where(Query.EQ("kind", kind));
        }
        if (filter.From is { } from)
        {
            query = query.Where(Query.GTE("filedAt", from.UtcDateTime));
        }
        if (filter.To is { } to)
        {
            query = query.Where(Query.LT("filedAt", to.UtcDateTime));
        }
        IReadOnlyList<Complaint> list = [.. query.OrderByDescending("filedAt").ToEnumerable()
            .Select(Load)
            .Where(c => filter.Status is null || c.Status == filter.Status)
            .Take(filter.Limit)];
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public Task<Complaint?> AppendEventAsync(string code, ComplaintEvent complaintEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaintEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var document = _complaints.FindById(code);
        if (document is null)
        {
            return Task.FromResult<Complaint?>(null);
        }
        _events.Insert(ToDocument(code, complaintEvent));
        return Task.FromResult<Complaint?>(Load(document));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Complaint>> FindBySubjectAsync(string email, string idNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Complaint> list = [.. _complaints.Find(Query.EQ("email", email.Trim().ToLowerInvariant()))
            .Select(Load)
            .Where(c => string.Equals(c.Get(ComplaintField.IdNumber), idNumber, StringComparison.OrdinalIgnoreCase))];
        return Task.FromResult(list);
    }

    private void CheckConsent(ComplaintFiling filing)
    {
        var consent = filing.ConsentId is null ? null : _consents.FindById(filing.ConsentId) is { } d
            ? new ConsentRecord(d["_id"].AsString, d["conversationId"].AsString, "", default, "", "", "", "", d["accepted"].AsBoolean,
                new Dictionary<string, bool>())
            : null;
        ConsentGuard.Check(filing, consent);
    }

    private static BsonDocument ToDocument(string code, ComplaintFiling filing)
    {
        var values = new BsonDocument();
        foreach (var (field, value) in filing.Values)
        {
            values[field.ToString()] = value;
        }
        return new BsonDocument
        {
            ["_id"] = code,
            ["draftId"] = filing.DraftId,
            ["consentId"] = filing.ConsentId is null ? BsonValue.Null : filing.ConsentId,
            ["kind"] = filing.Values.GetValueOrDefault(ComplaintField.Kind, ""),
            ["email"] = filing.Values.GetValueOrDefault(ComplaintField.Email, ""),
            ["values"] = values,
            ["conversationId"] = filing.ConversationId,
            ["reference"] = filing.Reference is null ? BsonValue.Null : JsonSerializer.Serialize(filing.Reference, StoreJson.Default.ConversationReference),
            ["language"] = filing.Language,
            ["country"] = filing.Country,
            ["filedAt"] = filing.FiledAt.UtcDateTime,
            ["year"] = filing.Year,
            ["dueDate"] = filing.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private static BsonDocument ToDocument(string code, ComplaintEvent e) => new()
    {
        ["code"] = code,
        ["at"] = e.At.UtcDateTime,
        ["by"] = e.By,
        ["type"] = e.Type,
        ["status"] = e.Status is null ? BsonValue.Null : e.Status,
        ["text"] = e.Text is null ? BsonValue.Null : e.Text,
    };

    private Complaint Load(BsonDocument d)
    {
        var code = d["_id"].AsString;
        var values = d["values"].AsDocument.ToDictionary(p => Enum.Parse<ComplaintField>(p.Key), p => p.Value.AsString);
        var filing = new ComplaintFiling(
            d["draftId"].AsString,
            d["consentId"].IsNull ? null : d["consentId"].AsString,
            values,
            d["conversationId"].AsString,
            d["reference"].IsNull ? null : JsonSerializer.Deserialize(d["reference"].AsString, StoreJson.Default.ConversationReference),
            d["language"].AsString,
            d["country"].AsString,
            new DateTimeOffset(d["filedAt"].AsDateTime.ToUniversalTime(), TimeSpan.Zero),
            d["year"].AsInt32,
            DateOnly.ParseExact(d["dueDate"].AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var events = _events.Find(Query.EQ("code", code))
            .OrderBy(e => e["_id"].AsObjectId)
            .Select(e => new ComplaintEvent(
                new DateTimeOffset(e["at"].AsDateTime.ToUniversalTime(), TimeSpan.Zero),
                e["by"].AsString, e["type"].AsString,
                e["status"].IsNull ? null : e["status"].AsString,
                e["text"].IsNull ? null : e["text"].AsString))
            .ToList();
        return new Complaint(code, filing, events);
    }
}

/// <summary>Source-generated JSON for values stores keep as JSON.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ConversationReference))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ChannelAccount))]
internal sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext;
