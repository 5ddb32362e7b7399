using ChatCare.Core.Activities;

namespace ChatCare.Core.Handoff;

/// <summary>
/// The people side of a conversation as skills see it during a turn: queues per team, availability and business hours,
/// tickets, satisfaction and typification. Implemented by the hand-off feature (LiteDB queue, agent console).
/// </summary>
public interface IHandoffDesk
{
    /// <summary>The team a request goes to, by the conversation's identified needs and the trigger (STD-N3).</summary>
    string RouteTeam(IReadOnlyList<string> intents, string reason);

    /// <summary>The team's name for customers, in <paramref name="language"/>.</summary>
    string TeamName(string team, string language);

    /// <summary>Puts the conversation in its team's queue (idempotent), or says why nobody can attend now.</summary>
    Task<HandoffAdmission> RequestAsync(HandoffRequest request, CancellationToken cancellationToken);

    /// <summary>The conversation's place in its queue, or null when it is not waiting.</summary>
    Task<QueuePosition?> PositionAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Hands a customer message to the agent console (the owner, or the queue view while waiting).</summary>
    Task RelayCustomerMessageAsync(string conversationId, Activity message, CancellationToken cancellationToken);

    /// <summary>The customer stopped waiting: recorded as abandoned with its times (STD-X3).</summary>
    Task AbandonAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Files a left message or call-back request as a ticket in the team's queue.</summary>
    Task LeaveTicketAsync(HandoffRequest request, string kind, string text, CancellationToken cancellationToken);

    /// <summary>Records the satisfaction answer of an attended conversation (STD-X2).</summary>
    Task RateAsync(string conversationId, int rating, string? comment, CancellationToken cancellationToken);
}

/// <summary>A request for a person.</summary>
/// <param name="ConversationId">Conversation.</param>
/// <param name="ChannelId">Channel.</param>
/// <param name="Team">Team routed to.</param>
/// <param name="Priority">A <see cref="HandoffPriority"/> value.</param>
/// <param name="Reason">A <see cref="HandoffReasons"/> value.</param>
/// <param name="Language">Conversation language.</param>
/// <param name="CustomerName">The customer's name, if known.</param>
/// <param name="Intents">Intents identified so far.</param>
public sealed record HandoffRequest(string ConversationId, string ChannelId, string Team, int Priority, string Reason, string Language,
    string? CustomerName, IReadOnlyList<string> Intents);

/// <summary>What happened to a request for a person.</summary>
/// <param name="Position">Place and expected wait when queued; null when nobody can attend.</param>
/// <param name="Unavailable">Why nobody can attend now, when not queued.</param>
public sealed record HandoffAdmission(QueuePosition? Position, HandoffUnavailable? Unavailable)
{
    /// <summary>True when the conversation is in the queue.</summary>
    public bool Queued => Position is not null;
}

/// <summary>Why a request could not be queued (STD-H3).</summary>
public enum HandoffUnavailable
{
    /// <summary>Outside business hours or on a holiday.</summary>
    OutOfHours,
    /// <summary>No agent of the team is signed in.</summary>
    NobodyAvailable,
    /// <summary>The team's queue is full.</summary>
    QueueFull,
    /// <summary>No people are set up on this installation (the terminal chat): only the contact channels can be given.</summary>
    NotStaffed,
}

/// <summary>A place in a queue.</summary>
/// <param name="Position">1 is next.</param>
/// <param name="ExpectedWait">Estimated wait.</param>
public sealed record QueuePosition(int Position, TimeSpan ExpectedWait);

/// <summary>Queue priorities: higher is served first, then arrival order.</summary>
public static class HandoffPriority
{
    /// <summary>An ordinary request.</summary>
    public const int Normal = 0;
    /// <summary>A complaint.</summary>
    public const int Complaint = 1;
    /// <summary>A customer in crisis or out of control (STD-H2).</summary>
    public const int Crisis = 2;
}

/// <summary>Why a conversation went to people.</summary>
public static class HandoffReasons
{
    /// <summary>The customer asked for a person (STD-H1).</summary>
    public const string Asked = "asked";
    /// <summary>Two messages in a row were not understood.</summary>
    public const string NotUnderstood = "not_understood";
    /// <summary>A complaint the customer wants to discuss.</summary>
    public const string Complaint = "complaint";
    /// <summary>Insults, threats, shouting or self-harm words (STD-H2).</summary>
    public const string Crisis = "crisis";
}

/// <summary>
/// Names of the <c>event</c> activities the agent side runs through the turn pipeline, so the conversation's state, transcript
/// and channel delivery stay in one place (Bot Framework hand-off uses events too, protocols §1.7).
/// </summary>
public static class HandoffEvents
{
    /// <summary>An agent took the conversation; value <c>{agentUser, agentName}</c>.</summary>
    public const string Accepted = "handoff.accepted";
    /// <summary>An agent wrote; value <c>{agentUser, agentName, text}</c>.</summary>
    public const string AgentMessage = "handoff.agent_message";
    /// <summary>Transferred; value <c>{team, agentUser?, agentName?}</c>.</summary>
    public const string Transferred = "handoff.transferred";
    /// <summary>The agent closed; the satisfaction question follows.</summary>
    public const string Closed = "handoff.closed";
    /// <summary>The agent handed the conversation back to the assistant.</summary>
    public const string Returned = "handoff.returned";
    /// <summary>The queue moved; value <c>{position, waitMinutes}</c>.</summary>
    public const string Position = "handoff.position";

    /// <summary>The account agent messages come from: the agent's display name, so every channel can show who writes.</summary>
    public static ChannelAccount AgentAccount(string agentUser, string agentName) => new("agent:" + agentUser, agentName, "bot");
}

/// <summary>Recognises a customer in crisis or out of control: insults, threats, shouting, self-harm words (STD-H2).</summary>
public interface ICrisisDetector
{
    /// <summary>The kind of crisis (<c>self_harm</c>, <c>threat</c>, <c>insult</c>, <c>shouting</c>), or null.</summary>
    string? Detect(string text, string language);
}
