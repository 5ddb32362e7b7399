using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;

namespace ChatCare.Core.Turns.Middleware;

/// <summary>Records the inbound activity and the replies once the turn is saved (so retried turns are not recorded twice).</summary>
public sealed class TranscriptMiddleware(ITranscriptStore transcripts) : ITurnMiddleware
{
    /// <inheritdoc />
    public async Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        await next(turn, cancellationToken);
        if (turn.IsDuplicate)
        {
            return;
        }

        var entries = new List<TranscriptEntry>(turn.Replies.Count + 1)
        {
            new(TranscriptDirection.Inbound, turn.Activity, turn.Now),
        };
        entries.AddRange(turn.Replies
            .Where(reply => reply.Type != ActivityTypes.Typing)
            .Select(reply => new TranscriptEntry(TranscriptDirection.Outbound, reply, turn.Now)));
        turn.OnCommitted(ct => transcripts.AppendAsync(turn.State.ConversationId, entries, ct));
    }
}
