using System.Threading.Channels;
using ChatCare.Core.Activities;
using ChatCare.Core.Handoff;
using ChatCare.Handoff.Agents;
using ChatCare.Handoff.Queue;
using Microsoft.Extensions.Options;

namespace ChatCare.Handoff;

/// <summary>
/// The customer side of the hand-off, used by the hand-off skill inside turns: routing to a team (STD-N3), business hours and
/// availability, the per-team queue with position and expected wait (STD-H3), tickets, abandonment and satisfaction.
/// </summary>
public sealed class HandoffDesk(
    IHandoffCaseStore cases,
    ITypificationStore records,
    AgentPresence presence,
    BusinessHours hours,
    AgentNotifications notify,
    QueueMoves moves,
    IOptions<HandoffOptions> options,
    TimeProvider time) : IHandoffDesk
{
    /// <inheritdoc />
    public string RouteTeam(IReadOnlyList<string> intents, string reason)
    {
        ArgumentNullException.ThrowIfNull(intents);
        var settings = options.Value;
        if (reason == HandoffReasons.Crisis)
        {
            return settings.CrisisTeam;
        }
        if (reason == HandoffReasons.Complaint && settings.Routes.TryGetValue(Core.Understanding.Intents.Complaint, out var complaints))
        {
            return complaints;
        }
        // The latest need with a route decides: it is what the customer was talking about when they asked for a person.
        for (var i = intents.Count - 1; i >= 0; i--)
        {
            if (settings.Routes.TryGetValue(intents[i], out var team))
            {
                return team;
            }
        }
        return settings.DefaultTeam;
    }

    /// <inheritdoc />
    public string TeamName(string team, string language) =>
        options.Value.TeamList.TryGetValue(team, out var names)
            ? (language == "en" ? names.NameEnglish : names.Name) is { Length: > 0 } name ? name : team
            : team;

    /// <inheritdoc />
    public async Task<HandoffAdmission> RequestAsync(HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        if (await cases.FindOpenAsync(request.ConversationId, cancellationToken) is { } open)
        {
            // Asked again (or in crisis now): same place in the queue, raised priority if need be; never a second case.
            if (open.Status == CaseStatuses.Waiting && request.Priority > open.Priority)
            {
                await cases.UpdateOpenAsync(request.ConversationId, c => c with { Priority = request.Priority }, cancellationToken);
                await notify.QueueChangedAsync(cancellationToken);
            }
            return new HandoffAdmission(await PositionAsync(request.ConversationId, cancellationToken) ?? new QueuePosition(1, TimeSpan.Zero), null);
        }
        if (!hours.IsOpen(now))
        {
            return new HandoffAdmission(null, HandoffUnavailable.OutOfHours);
        }
        if ((await presence.AvailableForAsync(request.Team, cancellationToken)).Count == 0)
        {
            return new HandoffAdmission(null, HandoffUnavailable.NobodyAvailable);
        }
        var waiting = await cases.WaitingAsync(cancellationToken);
        if (waiting.Count(c => c.Team == request.Team && c.Kind == CaseKinds.Live) >= options.Value.MaxWaitingPerTeam)
        {
            return new HandoffAdmission(null, HandoffUnavailable.QueueFull);
        }
        await cases.AddIfNoneOpenAsync(NewCase(request, CaseKinds.Live, null, now), cancellationToken);
        await notify.QueueChangedAsync(cancellationToken);
        return new HandoffAdmission(await PositionAsync(request.ConversationId, cancellationToken), null);
    }

    /// <inheritdoc />
    public async Task<QueuePosition?> PositionAsync(string conversationId, CancellationToken cancellationToken)
    {
        var waiting = await cases.WaitingAsync(cancellationToken);
        var mine = waiting.FirstOrDefault(c => c.ConversationId == conversationId);
        if (mine is null)
        {
            return null;
        }
        var position = waiting.Where(c => c.Team == mine.Team).TakeWhile(c => c.Id != mine.Id).Count() + 1;
        var agents = Math.Max(1, (await presence.AvailableForAsync(mine.Team, cancellationToken)).Count);
        // Each available agent takes one waiting customer per average handling time, in queue order.
        var rounds = (int)Math.Ceiling(position / (double)agents);
        return new QueuePosition(position, TimeSpan.FromMinutes(rounds * options.Value.AverageHandlingMinutes));
    }

    /// <inheritdoc />
    public Task RelayCustomerMessageAsync(string conversationId, Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return notify.ConversationChangedAsync(conversationId, "customer_message", message.Text, cancellationToken);
    }

    /// <inheritdoc />
    public async Task AbandonAsync(string conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var abandoned = await cases.UpdateOpenAsync(conversationId,
            c => c.Status == CaseStatuses.Waiting ? c with { Status = CaseStatuses.Abandoned, EndedAt = now } : null, cancellationToken);
        if (abandoned is null)
        {
            return;
        }
        await records.SaveAsync(new Typification
        {
            Id = abandoned.Id,
            ConversationId = conversationId,
            Channel = abandoned.ChannelId,
            Intents = abandoned.Intents,
            Outcome = Outcomes.Abandoned,
            Team = abandoned.Team,
            StartedAt = abandoned.QueuedAt,
            EndedAt = now,
            WaitingSeconds = (now - abandoned.QueuedAt).TotalSeconds,
        }, cancellationToken);
        await notify.QueueChangedAsync(cancellationToken);
        moves.Moved(abandoned.Team);
    }

    /// <inheritdoc />
    public async Task LeaveTicketAsync(HandoffRequest request, string kind, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ticketKind = kind == CaseKinds.Callback ? CaseKinds.Callback : CaseKinds.Message;
        await cases.AddIfNoneOpenAsync(NewCase(request, ticketKind, text, time.GetUtcNow()), cancellationToken);
        await notify.QueueChangedAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task RateAsync(string conversationId, int rating, string? comment, CancellationToken cancellationToken)
    {
        if (await records.LatestAsync(conversationId, cancellationToken) is { } record)
        {
            await records.SaveAsync(record with { Rating = rating, Comment = comment }, cancellationToken);
        }
    }

    private static HandoffCase NewCase(HandoffRequest request, string kind, string? text, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        ConversationId = request.ConversationId,
        ChannelId = request.ChannelId,
        Kind = kind,
        Team = request.Team,
        Priority = request.Priority,
        Reason = request.Reason,
        Language = request.Language,
        CustomerName = request.CustomerName,
        Intents = request.Intents,
        Text = text,
        QueuedAt = now,
    };
}

/// <summary>Teams whose queue moved; the <see cref="QueueAnnouncer"/> tells their waiting customers their new place.</summary>
public sealed class QueueMoves
{
    private readonly Channel<string> _teams = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The queue of <paramref name="team"/> moved.</summary>
    public void Moved(string team) => _teams.Writer.TryWrite(team);

    /// <summary>The moves, for the announcer.</summary>
    public ChannelReader<string> Reader => _teams.Reader;
}
