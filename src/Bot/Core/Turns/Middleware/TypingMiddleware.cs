using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;

namespace ChatCare.Core.Turns.Middleware;

/// <summary>Shows a typing indicator on channels that have one, while the turn is processed.</summary>
public sealed class TypingMiddleware : ITurnMiddleware
{
    /// <inheritdoc />
    public async Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        // While an agent owns the conversation the assistant is silent, typing indicator included (STD-H4).
        if (!turn.Activity.IsMessage || !turn.Capabilities.SupportsTyping || turn.State.Handoff.Stage == HandoffStage.Attended)
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
