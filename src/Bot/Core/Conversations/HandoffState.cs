namespace ChatCare.Core.Conversations;

/// <summary>What the hand-off to people waits for between turns.</summary>
public sealed record HandoffState
{
    /// <summary>The step of the hand-off.</summary>
    public HandoffStage Stage { get; init; } = HandoffStage.None;

    /// <summary>The team the conversation was routed to (STD-N3).</summary>
    public string? Team { get; init; }

    /// <summary>Queue priority: <see cref="Handoff.HandoffPriority"/>.</summary>
    public int Priority { get; init; }

    /// <summary>The agent who owns the conversation (sign-in name), while attended.</summary>
    public string? AgentUser { get; init; }

    /// <summary>The owning agent's display name, shown to the customer.</summary>
    public string? AgentName { get; init; }

    /// <summary>Left-message kind chosen (<c>message</c> or <c>callback</c>) while the customer writes it.</summary>
    public string? TicketKind { get; init; }

    /// <summary>The satisfaction score given (1–5), kept until the optional comment arrives (STD-X2).</summary>
    public int? Rating { get; init; }
}

/// <summary>Steps of the hand-off to people.</summary>
public enum HandoffStage
{
    /// <summary>The assistant attends.</summary>
    None,
    /// <summary>In a team's queue (STD-H3).</summary>
    Waiting,
    /// <summary>An agent owns the conversation; the assistant is silent (STD-H4).</summary>
    Attended,
    /// <summary>Nobody can attend now: offered to leave a message or a call-back request (STD-H3).</summary>
    OfferedTicket,
    /// <summary>Writing the message or call-back details.</summary>
    WritingTicket,
    /// <summary>Asked the satisfaction question after an agent closed (STD-X2).</summary>
    Rating,
    /// <summary>Asked for an optional comment after the score (STD-X2).</summary>
    Commenting,
}
