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
/// Complaints in LiteDB. Filing checks the consent record, then one write on the database's single writer thread takes the
/// next number of the year's counter and inserts the complaint and its <c>filed</c> event in the same transaction: writes
/// run one after another, so codes are gap-free and unique under concurrent filings, and a crash leaves all of it or none.
/// Complaints are never updated; events are appended.
/// </summary>
public sealed class LiteDbComplaintStore : IComplaintStore
{
    private const string Complaints = "complaints";
    private const string Events = "complaint_events";
    private const string Counters = "counters";
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _complaints;
    private readonly ILiteCollection<BsonDocument> _events;
    private readonly ILiteCollection<BsonDocument> _consents;
    private readonly string _prefix;

    /// <summary>Uses the <c>complaints</c>, <c>complaint_events</c>, <c>counters</c> and <c>consents</c> collections.</summary>
    public LiteDbComplaintStore(ChatCareDatabase database, Microsoft.Extensions.Options.IOptions<ComplaintsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _prefix = options.Value.CodePrefix;
        database.Prepare(db =>
        {
            var complaints = db.GetCollection(Complaints);
            complaints.EnsureIndex("draftId", unique: true);
            complaints.EnsureIndex("email");
            complaints.EnsureIndex("filedAt");
            db.GetCollection(Events).EnsureIndex("code");
            db.GetCollection("consents").EnsureIndex("conversationId");
        });
        _complaints = database.Database.GetCollection(Complaints);
        _events = database.Database.GetCollection(Events);
        _consents = database.Database.GetCollection("consents");
    }

    /// <inheritdoc />
    public async Task<Complaint> FileAsync(ComplaintFiling filing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filing);
        cancellationToken.ThrowIfCancellationRequested();
        CheckConsent(filing);

        var filed = new ComplaintEvent(filing.FiledAt, "customer", ComplaintEventTypes.Filed, ComplaintStatuses.Received, null);
        // Runs on the writer thread inside its transaction: no other write interleaves between reading and bumping the counter.
        var code = await _database.WriteToDiskAsync(db =>
        {
            var complaints = db.GetCollection(Complaints);
            if (complaints.FindOne(Query.EQ("draftId", filing.DraftId)) is { } existing)
            {
                return existing["_id"].AsString;
            }
            var counters = db.GetCollection(Counters);
            var counterId = $"complaints-{_prefix}-{filing.Year}";
            var next = (counters.FindById(counterId)?["value"].AsInt32 ?? 0) + 1;
            counters.Upsert(new BsonDocument { ["_id"] = counterId, ["value"] = next });
            var assigned = string.Create(CultureInfo.InvariantCulture, $"{_prefix}-{filing.Year}-{next:D6}");
            complaints.Insert(ToDocument(assigned, filing));
            db.GetCollection(Events).Insert(ToDocument(assigned, filed));
            return assigned;
        }, cancellationToken);
        return Load(_complaints.FindById(code));
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
    public async Task<Complaint?> AppendEventAsync(string code, ComplaintEvent complaintEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaintEvent);
        cancellationToken.ThrowIfCancellationRequested();
        if (_complaints.FindById(code) is null)
        {
            return null;
        }
        await _database.WriteToDiskAsync(db => db.GetCollection(Events).Insert(ToDocument(code, complaintEvent)), cancellationToken);
        return Load(_complaints.FindById(code));
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
