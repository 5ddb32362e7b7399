using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Handoff.Queue;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Hand-off cases in the <c>handoff_cases</c> collection: queryable fields as columns, the whole case as JSON. Changes run
/// under one lock, so the check-and-set of an accept (still waiting? agent under capacity?) has exactly one winner.
/// </summary>
public sealed class LiteDbHandoffCaseStore : IHandoffCaseStore
{
    private readonly ILiteCollection<BsonDocument> _cases;
    private readonly Lock _writes = new();

    /// <summary>Uses the <c>handoff_cases</c> collection.</summary>
    public LiteDbHandoffCaseStore(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Prepare(db =>
        {
            var cases = db.GetCollection("handoff_cases");
            cases.EnsureIndex("conversationId");
            cases.EnsureIndex("status");
            cases.EnsureIndex("agent");
        });
        _cases = database.Database.GetCollection("handoff_cases");
    }

    /// <inheritdoc />
    public Task<HandoffCase?> FindOpenAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindOpen(conversationId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HandoffCase>> HistoryAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<HandoffCase> history = [.. _cases.Find(Query.EQ("conversationId", conversationId)).Select(Read).OrderBy(c => c.QueuedAt)];
        return Task.FromResult(history);
    }

    /// <inheritdoc />
    public Task<HandoffCase> AddIfNoneOpenAsync(HandoffCase candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            if (FindOpen(candidate.ConversationId) is { } open)
            {
                return Task.FromResult(open);
            }
            var numbered = candidate with { Arrival = _cases.Count() + 1 };
            _cases.Insert(Write(numbered));
            return Task.FromResult(numbered);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HandoffCase>> WaitingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<HandoffCase> waiting = [.. _cases.Find(Query.EQ("status", CaseStatuses.Waiting)).Select(Read)
            .OrderByDescending(c => c.Priority).ThenBy(c => c.QueuedAt).ThenBy(c => c.Arrival)];
        return Task.FromResult(waiting);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HandoffCase>> AttendedByAsync(string agentUser, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<HandoffCase>>(AttendedBy(agentUser));
    }

    /// <inheritdoc />
    public Task<(AcceptOutcome Outcome, HandoffCase? Case)> TryAcceptAsync(string conversationId, string agentUser, string agentName, int capacity,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            var open = FindOpen(conversationId);
            if (open is null)
            {
                return Task.FromResult<(AcceptOutcome, HandoffCase?)>((AcceptOutcome.NotFound, null));
            }
            if (open.Status != CaseStatuses.Waiting)
            {
                return Task.FromResult<(AcceptOutcome, HandoffCase?)>((AcceptOutcome.AlreadyTaken, open));
            }
            if (AttendedBy(agentUser).Count >= capacity)
            {
                return Task.FromResult<(AcceptOutcome, HandoffCase?)>((AcceptOutcome.AtCapacity, open));
            }
            var accepted = open with { Status = CaseStatuses.Attended, AgentUser = agentUser, AgentName = agentName, AcceptedAt = now };
            _cases.Update(Write(accepted));
            return Task.FromResult<(AcceptOutcome, HandoffCase?)>((AcceptOutcome.Accepted, accepted));
        }
    }

    /// <inheritdoc />
    public Task<HandoffCase?> UpdateOpenAsync(string conversationId, Func<HandoffCase, HandoffCase?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            if (FindOpen(conversationId) is not { } open || change(open) is not { } changed)
            {
                return Task.FromResult<HandoffCase?>(null);
            }
            _cases.Update(Write(changed));
            return Task.FromResult<HandoffCase?>(changed);
        }
    }

    private HandoffCase? FindOpen(string conversationId) => _cases.Find(Query.EQ("conversationId", conversationId))
        .Select(Read).FirstOrDefault(c => c.IsOpen);

    private List<HandoffCase> AttendedBy(string agentUser) =>
        [.. _cases.Find(Query.And(Query.EQ("agent", agentUser), Query.EQ("status", CaseStatuses.Attended))).Select(Read)];

    private static BsonDocument Write(HandoffCase c) => new()
    {
        ["_id"] = c.Id,
        ["conversationId"] = c.ConversationId,
        ["status"] = c.Status,
        ["agent"] = c.AgentUser is null ? BsonValue.Null : new BsonValue(c.AgentUser),
        ["json"] = JsonSerializer.Serialize(c),
    };

    private static HandoffCase Read(BsonDocument document) =>
        JsonSerializer.Deserialize<HandoffCase>(document["json"].AsString) ?? throw new InvalidDataException($"Empty hand-off case {document["_id"]}.");
}
