using System.Globalization;
using System.Text.Json;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;
using ChatCare.Core.Handoff;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Turns;
using ChatCare.Handoff.Queue;
using ChatCare.Staff;
using ChatCare.Understanding.Handoff;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Handoff.Agents;

/// <summary>
/// What agents do with conversations: accept (one winner), write, note, transfer, close, return to the assistant. Every step
/// that the customer sees runs as a hand-off event through the turn pipeline, so the conversation's state, transcript and
/// channel delivery (<see cref="IProactiveMessenger"/>) are the same as for any turn.
/// </summary>
public sealed partial class AgentWorkspace(
    IHandoffCaseStore cases,
    ITypificationStore records,
    HandoffDesk desk,
    AgentPresence presence,
    IStaffAccountStore accounts,
    TurnProcessor turns,
    IConversationStateStore states,
    ITranscriptStore transcripts,
    IProactiveMessenger messenger,
    AgentNotifications notify,
    QueueMoves moves,
    IKnowledgeBase knowledge,
    HandoffPrompts prompts,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<AgentWorkspace> logger)
{
    /// <summary>Longest agent message or note.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The waiting cases the agent may take, highest priority first, then arrival.</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(StaffIdentity agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var account = await accounts.FindAsync(agent.User, cancellationToken);
        var teams = agent.IsSupervisor ? [] : account?.Teams ?? [];
        var now = time.GetUtcNow();
        return [.. (await cases.WaitingAsync(cancellationToken))
            .Where(c => teams.Count == 0 || teams.Contains(c.Team, StringComparer.OrdinalIgnoreCase))
            .Select(c => QueueItem.From(c, now, Summary(c)))];
    }

    /// <summary>The cases the agent owns.</summary>
    public async Task<IReadOnlyList<QueueItem>> MineAsync(StaffIdentity agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var now = time.GetUtcNow();
        return [.. (await cases.AttendedByAsync(agent.User, cancellationToken)).Select(c => QueueItem.From(c, now, Summary(c)))];
    }

    /// <summary>Takes a waiting conversation; of two agents at once exactly one wins, the other gets a conflict.</summary>
    public async Task<AgentResult<QueueItem>> AcceptAsync(string conversationId, StaffIdentity agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var account = await accounts.FindAsync(agent.User, cancellationToken);
        if (account is null)
        {
            return AgentResult.Forbidden<QueueItem>("The account no longer exists.");
        }
        var (outcome, accepted) = await cases.TryAcceptAsync(conversationId, account.User, account.DisplayName, presence.CapacityOf(account),
            time.GetUtcNow(), cancellationToken);
        switch (outcome)
        {
            case AcceptOutcome.NotFound:
                return AgentResult.NotFound<QueueItem>("No waiting conversation with that id.");
            case AcceptOutcome.AlreadyTaken:
                return AgentResult.Conflict<QueueItem>("Another agent accepted this conversation first.");
            case AcceptOutcome.AtCapacity:
                return AgentResult.Conflict<QueueItem>($"You already attend {presence.CapacityOf(account)} conversations, your capacity.");
        }
        await RunEventAsync(conversationId, HandoffEvents.Accepted, new() { ["agentUser"] = account.User, ["agentName"] = account.DisplayName }, cancellationToken);
        await notify.QueueChangedAsync(cancellationToken);
        await notify.MineChangedAsync(account.User, cancellationToken);
        moves.Moved(accepted!.Team);
        return AgentResult.Ok<QueueItem>(QueueItem.From(accepted, time.GetUtcNow(), Summary(accepted)));
    }

    /// <summary>Sends the agent's message to the customer on their channel, with the agent's name.</summary>
    public async Task<AgentResult<bool>> MessageAsync(string conversationId, StaffIdentity agent, string? text, CancellationToken cancellationToken)
    {
        if (Invalid(text) is { } invalid)
        {
            return AgentResult.BadRequest<bool>(invalid);
        }
        var owned = await OwnedAsync(conversationId, agent, cancellationToken);
        if (owned.Error is not null)
        {
            return AgentResult.From<bool, HandoffCase>(owned);
        }
        var delivered = await RunEventAsync(conversationId, HandoffEvents.AgentMessage,
            new() { ["agentUser"] = owned.Value!.AgentUser, ["agentName"] = owned.Value.AgentName, ["text"] = text!.Trim() }, cancellationToken);
        await notify.ConversationChangedAsync(conversationId, "agent_message", text, cancellationToken);
        return AgentResult.Ok<bool>(delivered);
    }

    /// <summary>Adds a private note to the open case.</summary>
    public async Task<AgentResult<CaseNote>> NoteAsync(string conversationId, StaffIdentity agent, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (Invalid(text) is { } invalid)
        {
            return AgentResult.BadRequest<CaseNote>(invalid);
        }
        var note = new CaseNote(time.GetUtcNow(), agent.Name, text!.Trim());
        var updated = await cases.UpdateOpenAsync(conversationId, c => c with { Notes = [.. c.Notes, note] }, cancellationToken);
        if (updated is null)
        {
            return AgentResult.NotFound<CaseNote>("The conversation is not with people now.");
        }
        await notify.ConversationChangedAsync(conversationId, "note", null, cancellationToken);
        return AgentResult.Ok<CaseNote>(note);
    }

    /// <summary>Transfers to another team's queue (keeping the customer's turn) or straight to an available agent.</summary>
    public async Task<AgentResult<QueueItem>> TransferAsync(string conversationId, StaffIdentity agent, TransferRequest? request,
        CancellationToken cancellationToken)
    {
        var owned = await OwnedAsync(conversationId, agent, cancellationToken);
        if (owned.Error is not null)
        {
            return AgentResult.From<QueueItem, HandoffCase>(owned);
        }
        var current = owned.Value!;
        if (request is { Agent: { Length: > 0 } targetUser, Team: null or "" })
        {
            var target = await accounts.FindAsync(targetUser, cancellationToken);
            if (target is null)
            {
                return AgentResult.BadRequest<QueueItem>($"No agent '{targetUser}'.");
            }
            var load = (await cases.AttendedByAsync(target.User, cancellationToken)).Count;
            if (load >= presence.CapacityOf(target))
            {
                return AgentResult.Conflict<QueueItem>($"{target.DisplayName} is at capacity.");
            }
            var moved = await cases.UpdateOpenAsync(conversationId, c => c.AgentUser == current.AgentUser
                ? c with { AgentUser = target.User, AgentName = target.DisplayName } : null, cancellationToken);
            if (moved is null)
            {
                return AgentResult.Conflict<QueueItem>("The conversation changed meanwhile.");
            }
            await RunEventAsync(conversationId, HandoffEvents.Transferred,
                new() { ["agentUser"] = target.User, ["agentName"] = target.DisplayName, ["team"] = moved.Team }, cancellationToken);
            await notify.MineChangedAsync(current.AgentUser!, cancellationToken);
            await notify.MineChangedAsync(target.User, cancellationToken);
            return AgentResult.Ok<QueueItem>(QueueItem.From(moved, time.GetUtcNow(), Summary(moved)));
        }
        if (request is not { Team: { Length: > 0 } team, Agent: null or "" })
        {
            return AgentResult.BadRequest<QueueItem>("Send {\"team\": \"…\"} or {\"agent\": \"…\"}.");
        }
        if (!options.Value.TeamList.ContainsKey(team))
        {
            return AgentResult.BadRequest<QueueItem>($"No team '{team}'. Teams: {string.Join(", ", options.Value.TeamList.Keys)}.");
        }
        var requeued = await cases.UpdateOpenAsync(conversationId, c => c.AgentUser == current.AgentUser
            ? c with { Status = CaseStatuses.Waiting, Team = team.ToLowerInvariant(), AgentUser = null, AgentName = null, AcceptedAt = null } : null,
            cancellationToken);
        if (requeued is null)
        {
            return AgentResult.Conflict<QueueItem>("The conversation changed meanwhile.");
        }
        var position = await desk.PositionAsync(conversationId, cancellationToken);
        await RunEventAsync(conversationId, HandoffEvents.Transferred, new()
        {
            ["team"] = requeued.Team,
            ["position"] = position?.Position.ToString(CultureInfo.InvariantCulture),
            ["waitMinutes"] = position is null ? null : ((int)position.ExpectedWait.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);
        await notify.QueueChangedAsync(cancellationToken);
        await notify.MineChangedAsync(current.AgentUser!, cancellationToken);
        return AgentResult.Ok<QueueItem>(QueueItem.From(requeued, time.GetUtcNow(), Summary(requeued)));
    }

    /// <summary>Closes with a configured disposition, registers the typification (STD-X3) and asks the satisfaction question (STD-X2).</summary>
    public async Task<AgentResult<Typification>> CloseAsync(string conversationId, StaffIdentity agent, string? disposition, CancellationToken cancellationToken)
    {
        var dispositions = options.Value.DispositionList;
        if (disposition is null || !dispositions.Contains(disposition, StringComparer.Ordinal))
        {
            return AgentResult.BadRequest<Typification>($"The disposition must be one of: {string.Join(", ", dispositions)}.");
        }
        var ended = await EndAsync(conversationId, agent, CaseStatuses.Closed, disposition, cancellationToken);
        if (ended.Error is not null)
        {
            return ended;
        }
        await RunEventAsync(conversationId, HandoffEvents.Closed, new() { ["agentName"] = agent.Name }, cancellationToken);
        return ended;
    }

    /// <summary>Hands the conversation back to the assistant without the satisfaction question.</summary>
    public async Task<AgentResult<Typification>> ReturnToBotAsync(string conversationId, StaffIdentity agent, CancellationToken cancellationToken)
    {
        var ended = await EndAsync(conversationId, agent, CaseStatuses.Returned, "returned-to-assistant", cancellationToken);
        if (ended.Error is null)
        {
            await RunEventAsync(conversationId, HandoffEvents.Returned, new() { ["agentName"] = agent.Name }, cancellationToken);
        }
        return ended;
    }

    /// <summary>Everything the agent needs to take over (STD-H4): transcript, customer and channel data, summary, notes.</summary>
    public async Task<AgentResult<ConversationView>> ConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var stored = await states.GetAsync(conversationId, cancellationToken);
        if (stored is null)
        {
            return AgentResult.NotFound<ConversationView>("No conversation with that id.");
        }
        var state = stored.State;
        var history = await cases.HistoryAsync(conversationId, cancellationToken);
        var current = history.Count > 0 ? history[^1] : null;
        var transcript = (await transcripts.ReadAsync(conversationId, cancellationToken))
            .Where(e => e.Activity.IsMessage && !string.IsNullOrEmpty(e.Activity.Text))
            .Select(e => Line(e))
            .ToList();
        var topics = state.Intents.Select(i => knowledge.Find(i, state.Language)?.Title ?? i).ToList();
        var answered = state.Intents.Where(i => knowledge.Find(i, state.Language) is not null)
            .Select(i => knowledge.Find(i, state.Language)!.Title).ToList();
        var summary = new ConversationSummary(topics, answered, current?.Reason, current?.Text,
            transcript.Count(l => l.From == "customer"), state.StartedAt);
        var canned = prompts.Canned.Select(c => new CannedView(c.Id, state.Language == "en" ? c.English : c.Spanish)).ToList();
        return AgentResult.Ok<ConversationView>(new ConversationView(
            conversationId, state.ChannelId, state.Language, state.Customer?.Id, state.Customer?.Name, state.Intents,
            current?.Status, current?.Team, current?.AgentUser, current?.AgentName, current?.Priority ?? 0, summary, transcript,
            current?.Notes ?? [], canned));
    }

    /// <summary>Runs a hand-off event through the turn pipeline and delivers its replies; false when the channel could not be reached.</summary>
    internal async Task<bool> RunEventAsync(string conversationId, string name, Dictionary<string, string?> value, CancellationToken cancellationToken)
    {
        var stored = await states.GetAsync(conversationId, cancellationToken);
        if (stored?.State.Reference is not { } reference)
        {
            LogNoReference(logger, conversationId, name);
            return false;
        }
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = name,
            Value = JsonSerializer.SerializeToElement(value),
            Id = "handoff-" + Guid.NewGuid().ToString("N"),
            ChannelId = reference.ChannelId,
            Conversation = new ConversationAccount(reference.ConversationId),
            From = reference.User,
            Recipient = reference.Bot,
            ServiceUrl = reference.ServiceUrl,
            Timestamp = time.GetUtcNow(),
        };
        var result = await turns.ProcessAsync(activity, cancellationToken);
        var outgoing = result.Replies.Where(r => r.Type != ActivityTypes.Typing).ToList();
        if (outgoing.Count == 0)
        {
            return true;
        }
        try
        {
            await messenger.SendAsync(reference, outgoing, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The state and transcript already hold the message; the agent sees it was not delivered.
            LogDeliveryFailed(logger, ex, conversationId, reference.ChannelId);
            return false;
        }
    }

    private async Task<AgentResult<Typification>> EndAsync(string conversationId, StaffIdentity agent, string status, string disposition,
        CancellationToken cancellationToken)
    {
        var owned = await OwnedAsync(conversationId, agent, cancellationToken);
        if (owned.Error is not null)
        {
            return AgentResult.From<Typification, HandoffCase>(owned);
        }
        var now = time.GetUtcNow();
        var owner = owned.Value!.AgentUser;
        var ended = await cases.UpdateOpenAsync(conversationId, c => c.AgentUser == owner
            ? c with { Status = status, EndedAt = now, Disposition = disposition } : null, cancellationToken);
        if (ended is null)
        {
            return AgentResult.Conflict<Typification>("The conversation changed meanwhile.");
        }
        var record = new Typification
        {
            Id = ended.Id,
            ConversationId = conversationId,
            Channel = ended.ChannelId,
            Intents = (await states.GetAsync(conversationId, cancellationToken))?.State.Intents ?? ended.Intents,
            Outcome = disposition == "complaint-filed" ? Outcomes.ComplaintFiled : Outcomes.ResolvedByAgent,
            Team = ended.Team,
            Agent = ended.AgentUser,
            Disposition = disposition,
            StartedAt = ended.QueuedAt,
            EndedAt = now,
            WaitingSeconds = ((ended.AcceptedAt ?? now) - ended.QueuedAt).TotalSeconds,
            HandlingSeconds = ended.AcceptedAt is { } accepted ? (now - accepted).TotalSeconds : 0,
        };
        await records.SaveAsync(record, cancellationToken);
        await notify.MineChangedAsync(owner!, cancellationToken);
        await notify.ConversationChangedAsync(conversationId, status, null, cancellationToken);
        return AgentResult.Ok<Typification>(record);
    }

    private async Task<AgentResult<HandoffCase>> OwnedAsync(string conversationId, StaffIdentity agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var open = await cases.FindOpenAsync(conversationId, cancellationToken);
        if (open is null)
        {
            return AgentResult.NotFound<HandoffCase>("The conversation is not with people now.");
        }
        if (open.Status != CaseStatuses.Attended)
        {
            return AgentResult.Conflict<HandoffCase>("Accept the conversation first.");
        }
        // Supervisors may act on any attended conversation (cover for an agent who left).
        return open.AgentUser == agent.User || agent.IsSupervisor
            ? AgentResult.Ok<HandoffCase>(open)
            : AgentResult.Conflict<HandoffCase>($"{open.AgentName} attends this conversation.");
    }

    private static TranscriptLine Line(TranscriptEntry entry)
    {
        var activity = entry.Activity;
        if (entry.Direction == TranscriptDirection.Inbound)
        {
            return new("customer", activity.From?.Name, activity.Text!, entry.RecordedAt);
        }
        if (activity.From is { } from && from.Id.StartsWith("agent:", StringComparison.Ordinal))
        {
            // The customer's channel shows "**Name:** text"; the console shows the name apart.
            var prefix = $"**{from.Name}:** ";
            var text = activity.Text!.StartsWith(prefix, StringComparison.Ordinal) ? activity.Text[prefix.Length..] : activity.Text!;
            return new("agent", from.Name, text, entry.RecordedAt);
        }
        return new("assistant", activity.From?.Name, activity.Text!, entry.RecordedAt);
    }

    private string Summary(HandoffCase c)
    {
        var topics = c.Intents.Select(i => knowledge.Find(i, c.Language)?.Title ?? i);
        var text = c.Text is { Length: > 0 } t ? " — " + (t.Length > 140 ? t[..140] + "…" : t) : "";
        return $"{c.Reason}: {string.Join(", ", topics)}{text}";
    }

    private static string? Invalid(string? text) => string.IsNullOrWhiteSpace(text)
        ? "The text is empty."
        : text.Length > MaxTextLength ? $"The text is longer than {MaxTextLength} characters." : null;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Conversation {ConversationId} has no reference; hand-off event {Name} not run")]
    private static partial void LogNoReference(ILogger logger, string conversationId, string name);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Could not deliver to conversation {ConversationId} on channel {ChannelId}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string conversationId, string channelId);
}
