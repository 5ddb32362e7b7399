using System.Globalization;
using System.Text.Json;
using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;
using ChatCare.Core.Handoff;
using ChatCare.Core.Messages;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;

namespace ChatCare.Skills.Handoff;

/// <summary>
/// Hand-off to people. A request (asked in the customer's words, two misunderstandings, a complaint, a crisis) is routed to a
/// team and queued with its position and expected wait (STD-H1, H2, H3, N3); with nobody available the customer may leave a
/// message or a call-back request. While an agent owns the conversation the assistant says nothing (STD-H4); the agent side
/// speaks through <see cref="HandoffEvents"/>; after the agent closes, the satisfaction question (STD-X2) and back to the assistant.
/// </summary>
public sealed class HandoffSkill(IHandoffDesk desk, ICrisisDetector crisis, ContactFallbackSkill contacts, IMessageCatalog messages)
{
    private const string Keys = "handoff_desk.";

    /// <summary>Whether the hand-off holds the conversation (waiting, attended, ticket or rating steps).</summary>
    public static bool HoldsFloor(TurnContext turn) => turn?.State.Handoff.Stage is not (null or HandoffStage.None);

    /// <summary>The kind of crisis in the message (STD-H2), or null.</summary>
    public string? CrisisIn(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return crisis.Detect(turn.Text, turn.State.Language);
    }

    /// <summary>Routes the conversation to a team and queues it, or offers a message or call-back when nobody can attend.</summary>
    public async Task RequestAsync(TurnContext turn, string reason, CancellationToken cancellationToken, string? crisisKind = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var state = turn.State;
        var language = state.Language;
        var priority = reason switch
        {
            HandoffReasons.Crisis => HandoffPriority.Crisis,
            HandoffReasons.Complaint => HandoffPriority.Complaint,
            _ => HandoffPriority.Normal,
        };
        if (crisisKind is not null)
        {
            turn.Reply(Text(crisisKind == "self_harm" ? "crisis_self_harm" : "crisis", language));
        }
        var team = state.Handoff.Team ?? desk.RouteTeam(state.Intents, reason);
        var request = Request(turn, team, Math.Max(priority, state.Handoff.Priority), reason);
        var admission = await desk.RequestAsync(request, cancellationToken);
        if (admission.Unavailable == HandoffUnavailable.NotStaffed)
        {
            await contacts.HandleAsync(turn, cancellationToken);
            return;
        }
        turn.State = turn.State with
        {
            ActiveSkill = null,
            FailedUnderstandings = 0,
            Handoff = new HandoffState
            {
                Stage = admission.Queued ? HandoffStage.Waiting : HandoffStage.OfferedTicket,
                Team = team,
                Priority = request.Priority,
            },
        };
        if (admission.Position is { } position)
        {
            turn.Reply(Text("queued", language, team, position), [Button("cancel_button", language)]);
            return;
        }
        var why = admission.Unavailable switch
        {
            HandoffUnavailable.OutOfHours => "out_of_hours",
            HandoffUnavailable.QueueFull => "queue_full",
            _ => "nobody_available",
        };
        turn.Reply(Text(why, language, team), [Button("message_button", language), Button("callback_button", language), Button("no_thanks_button", language)]);
    }

    /// <summary>A customer message while the hand-off holds the floor; false when it lets the assistant answer instead.</summary>
    public async Task<bool> ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var handoff = turn.State.Handoff;
        var language = turn.State.Language;
        switch (handoff.Stage)
        {
            case HandoffStage.Attended:
                // Silent: the message is recorded by the transcript and handed to the agent once the turn is saved (STD-H4).
                Relay(turn);
                return true;

            case HandoffStage.Waiting:
                if (Pressed(turn, "cancel_button") || turn.Utterance?.Is(Intents.Farewell) == true)
                {
                    await desk.AbandonAsync(turn.State.ConversationId, cancellationToken);
                    turn.State = turn.State with { Handoff = new HandoffState() };
                    turn.Reply(Text("cancelled", language));
                    return true;
                }
                if (CrisisIn(turn) is { } kind && handoff.Priority < HandoffPriority.Crisis)
                {
                    await RequestAsync(turn, HandoffReasons.Crisis, cancellationToken, kind);
                    Relay(turn);
                    return true;
                }
                Relay(turn);
                if (await desk.PositionAsync(turn.State.ConversationId, cancellationToken) is { } position)
                {
                    turn.Reply(Text("still_waiting", language, handoff.Team, position), [Button("cancel_button", language)]);
                }
                return true;

            case HandoffStage.OfferedTicket:
                var kind2 = Pressed(turn, "message_button") ? "message" : Pressed(turn, "callback_button") ? "callback" : null;
                if (kind2 is null)
                {
                    turn.State = turn.State with { Handoff = new HandoffState() };
                    if (Pressed(turn, "no_thanks_button") || turn.Utterance?.Is(Intents.Deny) == true)
                    {
                        turn.Reply(Text("ticket_declined", language));
                        return true;
                    }
                    return false;
                }
                turn.State = turn.State with { Handoff = handoff with { Stage = HandoffStage.WritingTicket, TicketKind = kind2 } };
                turn.Reply(Text(kind2 == "message" ? "write_message" : "write_callback", language));
                return true;

            case HandoffStage.WritingTicket:
                var ticketKind = handoff.TicketKind ?? "message";
                await desk.LeaveTicketAsync(Request(turn, handoff.Team ?? desk.RouteTeam(turn.State.Intents, HandoffReasons.Asked), handoff.Priority,
                    HandoffReasons.Asked), ticketKind, turn.Text, cancellationToken);
                turn.State = turn.State with { Handoff = new HandoffState() };
                turn.Reply(messages.Get(Keys + "ticket_filed", language, ("kind", messages.Get(Keys + "ticket_kind_" + ticketKind, language)),
                    ("team", desk.TeamName(handoff.Team ?? "", language))));
                return true;

            case HandoffStage.Rating:
                if (Score(turn.Text) is not { } score)
                {
                    // Not an answer to the question: the customer moved on, the assistant answers (never a loop).
                    turn.State = turn.State with { Handoff = new HandoffState() };
                    return false;
                }
                turn.State = turn.State with { Handoff = handoff with { Stage = HandoffStage.Commenting, Rating = score } };
                turn.Reply(Text("ask_comment", language), [Button("no_comment_button", language)]);
                return true;

            case HandoffStage.Commenting:
                var comment = Pressed(turn, "no_comment_button") ? null : turn.Text;
                await desk.RateAsync(turn.State.ConversationId, handoff.Rating ?? 0, comment, cancellationToken);
                turn.State = turn.State with { Handoff = new HandoffState(), AskedAnythingElse = true };
                turn.Reply(Text("thanks_rating", language));
                return true;

            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="name"/> is an event of the agent side.</summary>
    public static bool IsHandoffEvent(string? name) => name?.StartsWith("handoff.", StringComparison.Ordinal) == true;

    /// <summary>An event from the agent side (accept, message, transfer, close, return, queue moved).</summary>
    public Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        cancellationToken.ThrowIfCancellationRequested();
        var value = turn.Activity.Value;
        string? Field(string name) => value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString() : null;
        var handoff = turn.State.Handoff;
        var language = turn.State.Language;
        var agentName = Field("agentName") ?? handoff.AgentName ?? "";
        switch (turn.Activity.Name)
        {
            case HandoffEvents.Accepted:
                turn.State = turn.State with
                {
                    Handoff = handoff with { Stage = HandoffStage.Attended, AgentUser = Field("agentUser"), AgentName = agentName },
                };
                turn.Reply(messages.Get(Keys + "agent_joined", language, ("agent", agentName), ("team", desk.TeamName(handoff.Team ?? "", language))));
                break;
            case HandoffEvents.AgentMessage when handoff.Stage == HandoffStage.Attended:
                var fromAgent = turn.CreateReply($"**{agentName}:** {Field("text")}") with
                {
                    From = HandoffEvents.AgentAccount(Field("agentUser") ?? handoff.AgentUser ?? "", agentName),
                };
                turn.Send(fromAgent);
                break;
            case HandoffEvents.Transferred when Field("agentUser") is { } toAgent:
                turn.State = turn.State with
                {
                    Handoff = handoff with { Stage = HandoffStage.Attended, Team = Field("team") ?? handoff.Team, AgentUser = toAgent, AgentName = agentName },
                };
                turn.Reply(messages.Get(Keys + "transferred_agent", language, ("agent", agentName)));
                break;
            case HandoffEvents.Transferred:
                var team = Field("team") ?? handoff.Team;
                turn.State = turn.State with { Handoff = handoff with { Stage = HandoffStage.Waiting, Team = team, AgentUser = null, AgentName = null } };
                turn.Reply(Text("transferred_team", language, team, PositionFrom(Field)));
                break;
            case HandoffEvents.Position when handoff.Stage == HandoffStage.Waiting && PositionFrom(Field) is { } moved:
                turn.Reply(Text("moved", language, handoff.Team, moved), [Button("cancel_button", language)]);
                break;
            case HandoffEvents.Closed:
                turn.State = turn.State with { Handoff = handoff with { Stage = HandoffStage.Rating } };
                turn.Reply(messages.Get(Keys + "closed", language, ("agent", agentName)),
                    [.. Enumerable.Range(1, 5).Select(n => CardAction.ImBack(n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture)))]);
                break;
            case HandoffEvents.Returned:
                turn.State = turn.State with { Handoff = new HandoffState(), AskedAnythingElse = true };
                turn.Reply(messages.Get(Keys + "returned", language, ("agent", agentName)));
                break;
        }
        return Task.CompletedTask;
    }

    private void Relay(TurnContext turn)
    {
        var conversationId = turn.State.ConversationId;
        var message = turn.Activity;
        turn.OnCommitted(ct => desk.RelayCustomerMessageAsync(conversationId, message, ct));
    }

    private static HandoffRequest Request(TurnContext turn, string team, int priority, string reason) => new(
        turn.State.ConversationId, turn.State.ChannelId, team, priority, reason, turn.State.Language, turn.State.Customer?.Name, turn.State.Intents);

    private static QueuePosition? PositionFrom(Func<string, string?> field) =>
        int.TryParse(field("position"), CultureInfo.InvariantCulture, out var position)
        && int.TryParse(field("waitMinutes"), CultureInfo.InvariantCulture, out var minutes)
            ? new QueuePosition(position, TimeSpan.FromMinutes(minutes))
            : null;

    /// <summary>"5", "5 estrellas", "un 4" → the score; anything else → null.</summary>
    private static int? Score(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).ToArray();
        return digits.Length == 1 && digits[0] is >= '1' and <= '5' && text.Length <= 20 ? digits[0] - '0' : null;
    }

    private bool Pressed(TurnContext turn, string buttonKey) =>
        string.Equals(turn.Text.Trim(), messages.Get(Keys + buttonKey, turn.State.Language), StringComparison.OrdinalIgnoreCase);

    private CardAction Button(string key, string language)
    {
        var title = messages.Get(Keys + key, language);
        return CardAction.ImBack(title, title);
    }

    private string Text(string key, string language, string? team = null, QueuePosition? position = null) =>
        messages.Get(Keys + key, language,
            ("team", desk.TeamName(team ?? "", language)),
            ("position", position?.Position.ToString(CultureInfo.InvariantCulture) ?? "?"),
            ("minutes", position is null ? "?" : Math.Max(1, (int)Math.Ceiling(position.ExpectedWait.TotalMinutes)).ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// The desk where no people are set up (the terminal chat, skill tests): every request gets the contact channels
/// (<see cref="ContactFallbackSkill"/>), and nothing is queued or filed, because nobody would read it.
/// </summary>
public sealed class NoAgentsDesk : IHandoffDesk
{
    /// <inheritdoc />
    public string RouteTeam(IReadOnlyList<string> intents, string reason) => "support";

    /// <inheritdoc />
    public string TeamName(string team, string language) => team;

    /// <inheritdoc />
    public Task<HandoffAdmission> RequestAsync(HandoffRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new HandoffAdmission(null, HandoffUnavailable.NotStaffed));

    /// <inheritdoc />
    public Task<QueuePosition?> PositionAsync(string conversationId, CancellationToken cancellationToken) => Task.FromResult<QueuePosition?>(null);

    /// <inheritdoc />
    public Task RelayCustomerMessageAsync(string conversationId, Activity message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task AbandonAsync(string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task LeaveTicketAsync(HandoffRequest request, string kind, string text, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RateAsync(string conversationId, int rating, string? comment, CancellationToken cancellationToken) => Task.CompletedTask;
}
