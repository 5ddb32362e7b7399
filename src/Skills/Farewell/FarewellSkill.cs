using ChatCare.Core.Activities;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;

namespace ChatCare.Skills.Farewell;

/// <summary>
/// Closes the conversation (STD-X1): first asks whether anything else is needed, then says the organisation remains
/// at the customer's disposal and bids farewell by the time of day.
/// </summary>
public sealed class FarewellSkill(IMessageCatalog messages, DayPart dayPart) : ISkill
{
    /// <inheritdoc />
    public string Name => SkillNames.Farewell;

    /// <summary>Asks "anything else?" and waits for the answer.</summary>
    public SkillResult AskAnythingElse(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        var no = messages.Get("farewell.nothing_else_button", language);
        var yes = messages.Get("farewell.something_else_button", language);
        turn.Reply(messages.Get("farewell.anything_else", language), [CardAction.ImBack(no, no), CardAction.ImBack(yes, yes)]);
        turn.State = turn.State with { AskedAnythingElse = true, ActiveSkill = Name };
        return SkillResult.Waiting;
    }

    /// <summary>Says goodbye by the time of day and closes the conversation.</summary>
    public SkillResult SayGoodbye(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        turn.Reply(messages.Get("farewell.goodbye", language, ("wish", messages.Get("farewell.wish." + dayPart.KeyAt(turn.Now), language))));
        turn.State = turn.State with { Closed = true, ActiveSkill = null, AskedAnythingElse = false };
        return SkillResult.Completed;
    }

    /// <summary>
    /// On a goodbye or thanks: asks "anything else?" unless already asked; when it was asked, a "no" or goodbye closes.
    /// </summary>
    public ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var utterance = turn.Utterance;
        var language = turn.State.Language;
        if (!turn.State.AskedAnythingElse)
        {
            if (utterance?.Is(Intents.Thanks) == true)
            {
                turn.Reply(messages.Get("farewell.you_are_welcome", language));
            }
            return ValueTask.FromResult(AskAnythingElse(turn));
        }

        var text = turn.Text;
        if (utterance is null)
        {
            return ValueTask.FromResult(SkillResult.Declined);
        }
        if (utterance.Is(Intents.Deny) || utterance.Is(Intents.Farewell) || utterance.Is(Intents.Thanks)
            || string.Equals(text, messages.Get("farewell.nothing_else_button", language), StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult(SayGoodbye(turn));
        }
        if (utterance.Is(Intents.Affirm)
            || string.Equals(text, messages.Get("farewell.something_else_button", language), StringComparison.OrdinalIgnoreCase))
        {
            turn.Reply(messages.Get("farewell.go_on", language));
            turn.State = turn.State with { AskedAnythingElse = false, ActiveSkill = null };
            return ValueTask.FromResult(SkillResult.Completed);
        }

        // A new question instead of yes/no: the router answers it.
        turn.State = turn.State with { AskedAnythingElse = false, ActiveSkill = null };
        return ValueTask.FromResult(SkillResult.Declined);
    }
}
