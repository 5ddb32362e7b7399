namespace ChatCare.Handoff.Queue;

/// <summary>How a conversation ended, registered for the supervisor (STD-X3); the satisfaction answer is added later (STD-X2).</summary>
public sealed record Typification
{
    /// <summary>Record id (the case id for attended conversations).</summary>
    public required string Id { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Channel.</summary>
    public string Channel { get; init; } = "";

    /// <summary>Intents identified in the conversation.</summary>
    public IReadOnlyList<string> Intents { get; init; } = [];

    /// <summary><see cref="Outcomes"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Team, when people were involved.</summary>
    public string? Team { get; init; }

    /// <summary>The agent's sign-in name, when attended.</summary>
    public string? Agent { get; init; }

    /// <summary>Closing disposition, when attended.</summary>
    public string? Disposition { get; init; }

    /// <summary>When the conversation (or the stay with people) started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended (UTC).</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>Seconds waited in the queue.</summary>
    public double? WaitingSeconds { get; init; }

    /// <summary>Seconds an agent attended.</summary>
    public double? HandlingSeconds { get; init; }

    /// <summary>Satisfaction 1–5 (STD-X2).</summary>
    public int? Rating { get; init; }

    /// <summary>Optional satisfaction comment.</summary>
    public string? Comment { get; init; }
}

/// <summary>Outcomes of <see cref="Typification"/> (STD-X3).</summary>
public static class Outcomes
{
    /// <summary>Resolved by the assistant.</summary>
    public const string ResolvedByAssistant = "resolved_by_assistant";
    /// <summary>Resolved by an agent.</summary>
    public const string ResolvedByAgent = "resolved_by_agent";
    /// <summary>A complaint was filed.</summary>
    public const string ComplaintFiled = "complaint_filed";
    /// <summary>The customer left while waiting.</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>Where typifications are kept (LiteDB in the host).</summary>
public interface ITypificationStore
{
    /// <summary>Adds or replaces a record.</summary>
    Task SaveAsync(Typification record, CancellationToken cancellationToken);

    /// <summary>The latest record of a conversation, or null.</summary>
    Task<Typification?> LatestAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Records that ended in [<paramref name="from"/>, <paramref name="to"/>), newest first.</summary>
    Task<IReadOnlyList<Typification>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
