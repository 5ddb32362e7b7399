using ChatCare.Core.Activities;

namespace ChatCare.Core.Turns.Middleware;

/// <summary>Shows a typing indicator on channels that have one, while the turn is processed.</summary>
public sealed class TypingMiddleware : ITurnMiddleware
{
    /// <inheritdoc />
    public async Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        if (!turn.Activity.IsMessage || !turn.Capabilities.SupportsTyping)
        {
            await next(turn, cancellationToken);
            return;
        }

        var typing = turn.CreateReply("") with { Type = ActivityTypes.Typing, Text = null, TextFormat = null, Locale = null };
        if (turn.SendImmediately is { } sendNow)
        {
            await sendNow(typing, cancellationToken);
            await next(turn, cancellationToken);
            return;
        }

        await next(turn, cancellationToken);
        if (turn.Replies.Count > 0)
        {
            // Buffered channels (expectReplies) get the indicator first, as the Bot Framework SDK does.
            turn.SendFirst(typing);
        }
    }
}
