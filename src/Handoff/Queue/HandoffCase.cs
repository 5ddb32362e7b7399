namespace ChatCare.Handoff.Queue;

/// <summary>
/// One stay of a conversation with people: queued (live or as a ticket), attended, then ended. Kept after it ends, with its
/// times, for the supervisor (STD-X3).
/// </summary>
public sealed record HandoffCase
{
    /// <summary>Case id.</summary>
    public required string Id { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Channel of the conversation.</summary>
    public string ChannelId { get; init; } = "";

    /// <summary><see cref="CaseKinds"/>: a live conversation, a left message or a call-back request.</summary>
    public string Kind { get; init; } = CaseKinds.Live;

    /// <summary>Team queue.</summary>
    public required string Team { get; init; }

    /// <summary>Higher first.</summary>
    public int Priority { get; init; }

    /// <summary>Trigger (<see cref="Core.Handoff.HandoffReasons"/>).</summary>
    public string Reason { get; init; } = "";

    /// <summary>Conversation language.</summary>
    public string Language { get; init; } = "es";

    /// <summary>The customer's name, if known.</summary>
    public string? CustomerName { get; init; }

    /// <summary>Intents identified before the hand-off.</summary>
    public IReadOnlyList<string> Intents { get; init; } = [];

    /// <summary>The left message or call-back details, for tickets.</summary>
    public string? Text { get; init; }

    /// <summary><see cref="CaseStatuses"/>.</summary>
    public string Status { get; init; } = CaseStatuses.Waiting;

    /// <summary>When it entered the queue (UTC); a transfer keeps it, so the customer keeps their turn.</summary>
    public DateTimeOffset QueuedAt { get; init; }

    /// <summary>Arrival order, set by the store: breaks ties between cases queued in the same instant.</summary>
    public long Arrival { get; init; }

    /// <summary>When an agent accepted it.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>When it ended (closed, returned, abandoned).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The owning agent's sign-in name.</summary>
    public string? AgentUser { get; init; }

    /// <summary>The owning agent's display name.</summary>
    public string? AgentName { get; init; }

    /// <summary>Closing disposition (STD-X3).</summary>
    public string? Disposition { get; init; }

    /// <summary>Private notes of the agents.</summary>
    public IReadOnlyList<CaseNote> Notes { get; init; } = [];

    /// <summary>Whether the case is still in the queue or with an agent.</summary>
    public bool IsOpen => Status is CaseStatuses.Waiting or CaseStatuses.Attended;
}

/// <summary>A private note on a case.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Agent">Display name of the author.</param>
/// <param name="Text">The note.</param>
public sealed record CaseNote(DateTimeOffset At, string Agent, string Text);

/// <summary>Kinds of cases.</summary>
public static class CaseKinds
{
    /// <summary>A customer waiting in the conversation.</summary>
    public const string Live = "live";
    /// <summary>A left message.</summary>
    public const string Message = "message";
    /// <summary>A call-back request.</summary>
    public const string Callback = "callback";
}

/// <summary>Statuses of cases.</summary>
public static class CaseStatuses
{
    /// <summary>In the queue.</summary>
    public const string Waiting = "waiting";
    /// <summary>Owned by an agent.</summary>
    public const string Attended = "attended";
    /// <summary>Closed by the agent with a disposition.</summary>
    public const string Closed = "closed";
    /// <summary>Handed back to the assistant.</summary>
    public const string Returned = "returned";
    /// <summary>The customer stopped waiting.</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>Where cases are kept (LiteDB in the host).</summary>
public interface IHandoffCaseStore
{
    /// <summary>The open case of a conversation, or null.</summary>
    Task<HandoffCase?> FindOpenAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Every case of a conversation, oldest first.</summary>
    Task<IReadOnlyList<HandoffCase>> HistoryAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="candidate"/> (numbering its <see cref="HandoffCase.Arrival"/>) unless the conversation has an open case; returns the open case either way.</summary>
    Task<HandoffCase> AddIfNoneOpenAsync(HandoffCase candidate, CancellationToken cancellationToken);

    /// <summary>Every waiting case, highest priority first, then arrival (<see cref="HandoffCase.QueuedAt"/>, then <see cref="HandoffCase.Arrival"/>).</summary>
    Task<IReadOnlyList<HandoffCase>> WaitingAsync(CancellationToken cancellationToken);

    /// <summary>The cases an agent owns now.</summary>
    Task<IReadOnlyList<HandoffCase>> AttendedByAsync(string agentUser, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically gives the waiting case of <paramref name="conversationId"/> to the agent, if the agent owns fewer than
    /// <paramref name="capacity"/> cases: of two agents accepting at once exactly one wins.
    /// </summary>
    Task<(AcceptOutcome Outcome, HandoffCase? Case)> TryAcceptAsync(string conversationId, string agentUser, string agentName, int capacity,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Atomically replaces the open case of a conversation with <paramref name="change"/>'s result; null from it leaves it as it is.</summary>
    Task<HandoffCase?> UpdateOpenAsync(string conversationId, Func<HandoffCase, HandoffCase?> change, CancellationToken cancellationToken);
}

/// <summary>Outcomes of <see cref="IHandoffCaseStore.TryAcceptAsync"/>.</summary>
public enum AcceptOutcome
{
    /// <summary>The agent owns it now.</summary>
    Accepted,
    /// <summary>No open case for the conversation.</summary>
    NotFound,
    /// <summary>Another agent took it first.</summary>
    AlreadyTaken,
    /// <summary>The agent already attends as many conversations as their capacity.</summary>
    AtCapacity,
}
