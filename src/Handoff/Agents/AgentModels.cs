using System.Security.Claims;
using ChatCare.Handoff.Queue;
using ChatCare.Staff;

namespace ChatCare.Handoff.Agents;

/// <summary>The signed-in staff member acting.</summary>
/// <param name="User">Sign-in name.</param>
/// <param name="Name">Display name.</param>
/// <param name="IsSupervisor">Whether a supervisor.</param>
public sealed record StaffIdentity(string User, string Name, bool IsSupervisor)
{
    /// <summary>From a validated staff principal.</summary>
    public static StaffIdentity From(ClaimsPrincipal principal) => new(principal.StaffUser(), principal.StaffDisplayName(), principal.IsSupervisor());
}

/// <summary>The result of an agent operation: a value, or an HTTP status and why.</summary>
/// <typeparam name="T">The value.</typeparam>
/// <param name="Value">The value on success.</param>
/// <param name="Status">HTTP status.</param>
/// <param name="Error">Why it failed.</param>
public sealed record AgentResult<T>(T? Value, int Status, string? Error);

/// <summary>Builds <see cref="AgentResult{T}"/> values.</summary>
public static class AgentResult
{
    /// <summary>Success.</summary>
    public static AgentResult<T> Ok<T>(T value) => new(value, 200, null);
    /// <summary>400.</summary>
    public static AgentResult<T> BadRequest<T>(string error) => new(default, 400, error);
    /// <summary>403.</summary>
    public static AgentResult<T> Forbidden<T>(string error) => new(default, 403, error);
    /// <summary>404.</summary>
    public static AgentResult<T> NotFound<T>(string error) => new(default, 404, error);
    /// <summary>409.</summary>
    public static AgentResult<T> Conflict<T>(string error) => new(default, 409, error);
    /// <summary>The same failure for another value type.</summary>
    public static AgentResult<T> From<T, TOther>(AgentResult<TOther> failure) => new(default, failure?.Status ?? 500, failure?.Error);
}

/// <summary>A case in the queue or in "my conversations".</summary>
/// <param name="ConversationId">Conversation id.</param>
/// <param name="Channel">Channel.</param>
/// <param name="Team">Team.</param>
/// <param name="Priority">Higher first.</param>
/// <param name="Kind">live, message or callback.</param>
/// <param name="Reason">Trigger.</param>
/// <param name="Status">waiting or attended.</param>
/// <param name="WaitingSeconds">Seconds since it entered the queue.</param>
/// <param name="CustomerName">The customer's name, if known.</param>
/// <param name="Language">Conversation language.</param>
/// <param name="Agent">Owning agent's display name.</param>
/// <param name="Summary">One line: trigger, needs, ticket text.</param>
public sealed record QueueItem(string ConversationId, string Channel, string Team, int Priority, string Kind, string Reason, string Status,
    double WaitingSeconds, string? CustomerName, string Language, string? Agent, string Summary)
{
    /// <summary>The item of a case.</summary>
    public static QueueItem From(HandoffCase c, DateTimeOffset now, string summary)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.ConversationId, c.ChannelId, c.Team, c.Priority, c.Kind, c.Reason, c.Status,
            Math.Round(((c.AcceptedAt ?? now) - c.QueuedAt).TotalSeconds), c.CustomerName, c.Language, c.AgentName, summary);
    }
}

/// <summary>Body of <c>POST …/transfer</c>: a team or an agent.</summary>
/// <param name="Team">Team id.</param>
/// <param name="Agent">Agent sign-in name.</param>
public sealed record TransferRequest(string? Team, string? Agent);

/// <summary>Body of <c>POST …/messages</c> and <c>…/notes</c>.</summary>
/// <param name="Text">Text.</param>
public sealed record TextRequest(string? Text);

/// <summary>Body of <c>POST …/close</c>.</summary>
/// <param name="Disposition">One of the configured dispositions.</param>
public sealed record CloseRequest(string? Disposition);

/// <summary>A conversation as the agent sees it (STD-H4).</summary>
/// <param name="ConversationId">Id.</param>
/// <param name="Channel">Channel.</param>
/// <param name="Language">Language.</param>
/// <param name="CustomerId">Channel user id.</param>
/// <param name="CustomerName">Name, if known.</param>
/// <param name="Intents">Intents identified.</param>
/// <param name="Status">Status of the latest case, if any.</param>
/// <param name="Team">Team of the latest case.</param>
/// <param name="AgentUser">Owner's sign-in name.</param>
/// <param name="AgentName">Owner's display name.</param>
/// <param name="Priority">Priority.</param>
/// <param name="Summary">Automatic summary.</param>
/// <param name="Transcript">Every message, in order.</param>
/// <param name="Notes">Private notes.</param>
/// <param name="CannedResponses">Canned responses in the conversation's language.</param>
public sealed record ConversationView(string ConversationId, string Channel, string Language, string? CustomerId, string? CustomerName,
    IReadOnlyList<string> Intents, string? Status, string? Team, string? AgentUser, string? AgentName, int Priority,
    ConversationSummary Summary, IReadOnlyList<TranscriptLine> Transcript, IReadOnlyList<CaseNote> Notes, IReadOnlyList<CannedView> CannedResponses);

/// <summary>The automatic summary: what the customer needs, what the assistant answered, what was collected.</summary>
/// <param name="Topics">Needs identified (knowledge titles or intents).</param>
/// <param name="Answered">Knowledge-base answers the assistant gave.</param>
/// <param name="Reason">Why it came to people.</param>
/// <param name="TicketText">Left message or call-back details.</param>
/// <param name="CustomerMessages">How many messages the customer wrote.</param>
/// <param name="StartedAt">When the conversation started.</param>
public sealed record ConversationSummary(IReadOnlyList<string> Topics, IReadOnlyList<string> Answered, string? Reason, string? TicketText,
    int CustomerMessages, DateTimeOffset StartedAt);

/// <summary>One message of the transcript.</summary>
/// <param name="From">customer, assistant or agent.</param>
/// <param name="Name">Sender's display name.</param>
/// <param name="Text">Text.</param>
/// <param name="At">When (UTC).</param>
public sealed record TranscriptLine(string From, string? Name, string Text, DateTimeOffset At);

/// <summary>A canned response in one language.</summary>
/// <param name="Id">Id.</param>
/// <param name="Text">Text.</param>
public sealed record CannedView(string Id, string Text);
