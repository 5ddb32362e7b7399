using ChatCare.Core.Turns;

namespace ChatCare.Handoff.Queue;

/// <summary>
/// Registers conversations the assistant resolved on its own when the farewell closes them (STD-X3); conversations that went
/// to people are registered by the agent side when they end.
/// </summary>
public sealed class TypificationMiddleware(ITypificationStore records, IHandoffCaseStore cases) : ITurnMiddleware
{
    /// <inheritdoc />
    public async Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        var wasClosed = turn.State.Closed;
        await next(turn, cancellationToken);
        if (wasClosed || !turn.State.Closed || turn.IsDuplicate)
        {
            return;
        }
        var state = turn.State;
        var now = turn.Now;
        turn.OnCommitted(async ct =>
        {
            if ((await cases.HistoryAsync(state.ConversationId, ct)).Count > 0)
            {
                return;
            }
            await records.SaveAsync(new Typification
            {
                Id = $"{state.ConversationId}:{now.UtcTicks}",
                ConversationId = state.ConversationId,
                Channel = state.ChannelId,
                Intents = state.Intents,
                Outcome = Outcomes.ResolvedByAssistant,
                StartedAt = state.StartedAt,
                EndedAt = now,
            }, ct);
        });
    }
}
