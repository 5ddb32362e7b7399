using ChatCare.Core.Activities;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Skills.NeedIdentification;

namespace ChatCare.Skills.Greeting;

/// <summary>
/// Greets by the local time of day (STD-G1), gives the assistant's name and role, names the organisation and says
/// it is automated (STD-G2), in the customer's language and the configured register (STD-G3).
/// </summary>
public sealed class GreetingSkill(IMessageCatalog messages, DayPart dayPart, TopicMenu menu) : ISkill
{
    /// <inheritdoc />
    public string Name => SkillNames.Greeting;

    /// <summary>The greeting and introduction, without a question: used before answering a first message that already asks something.</summary>
    public void Introduce(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        turn.Reply(messages.Get("greeting.salutation." + dayPart.KeyAt(turn.Now), language) + " " + messages.Get("greeting.introduction", language));
        turn.State = turn.State with { Greeted = true };
    }

    /// <summary>The full welcome: greeting, introduction, and what the assistant can help with as buttons.</summary>
    public void Welcome(TurnContext turn)
    {
        Introduce(turn);
        turn.Reply(messages.Get("greeting.ask", turn.State.Language), menu.Buttons(turn.State.Language));
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!turn.State.Greeted)
        {
            Welcome(turn);
        }
        else
        {
            turn.Reply(messages.Get("greeting.again", turn.State.Language), menu.Buttons(turn.State.Language));
        }
        return ValueTask.FromResult(SkillResult.Completed);
    }

    /// <summary>Answers "are you a bot?": plainly automated, with the way to a person (STD-G2, H1).</summary>
    public void DescribeSelf(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        turn.Reply(messages.Get("greeting.identity", language),
            [CardAction.ImBack(messages.Get("handoff.button", language), messages.Get("handoff.button", language))]);
        turn.State = turn.State with { Greeted = true };
    }
}
