namespace ChatCare.Core.Turns.Middleware;

/// <summary>Ignores an activity whose id was already processed in this conversation (channels redeliver).</summary>
public sealed class DeduplicationMiddleware : ITurnMiddleware
{
    /// <inheritdoc />
    public Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        if (turn.Activity.Id is { Length: > 0 } id && turn.State.RecentActivityIds.Contains(id))
        {
            turn.MarkDuplicate();
            return Task.CompletedTask;
        }
        return next(turn, cancellationToken);
    }
}
