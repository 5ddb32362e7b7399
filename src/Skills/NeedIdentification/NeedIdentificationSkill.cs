using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;
using ChatCare.Skills.Faq;
using Microsoft.Extensions.Options;

namespace ChatCare.Skills.NeedIdentification;

/// <summary>
/// Identifies the need from free text (STD-N1): when unsure it asks "did you mean…?" with the closest options as
/// buttons; a request out of scope is said to be so, with what the assistant can do and the way to a person (STD-N2).
/// Two misunderstandings in a row lead to a person (STD-H1).
/// </summary>
public sealed class NeedIdentificationSkill(IKnowledgeBase knowledge, IMessageCatalog messages, TopicMenu menu, FaqSkill faq,
    IOptions<Core.Configuration.UnderstandingOptions> understanding) : ISkill
{
    private const int MisunderstandingsBeforePerson = 2;

    /// <inheritdoc />
    public string Name => SkillNames.NeedIdentification;

    /// <summary>Asks "did you mean…?" with the top candidates that clear the confirm threshold.</summary>
    public SkillResult Confirm(TurnContext turn, Utterance utterance)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(utterance);
        var language = turn.State.Language;
        var candidates = utterance.Ranking
            .Where(r => r.Score >= understanding.Value.ConfirmThreshold / 2 && knowledge.Find(r.Label, language) is not null)
            .Take(understanding.Value.ConfirmOptions)
            .Select(r => knowledge.Find(r.Label, language)!)
            .ToList();
        if (candidates.Count == 0)
        {
            return OutOfScope(turn);
        }

        var none = messages.Get("need.none_of_these", language);
        turn.Reply(messages.Get(candidates.Count == 1 ? "need.did_you_mean_one" : "need.did_you_mean", language, ("topic", candidates[0].Title)),
            [.. candidates.Select(c => CardAction.ImBack(c.Title, c.Title)), CardAction.ImBack(none, none)]);
        turn.State = turn.State with { Need = new NeedState { Candidates = [.. candidates.Select(c => c.Id)] }, ActiveSkill = Name };
        return SkillResult.Waiting;
    }

    /// <summary>Says plainly that the request is out of scope, what the assistant can do, and the way to a person.</summary>
    public SkillResult OutOfScope(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        var failures = turn.State.FailedUnderstandings + 1;
        turn.State = turn.State.WithIntent(Intents.OutOfScope) with { FailedUnderstandings = failures, ActiveSkill = null, Need = new NeedState() };
        if (failures >= MisunderstandingsBeforePerson)
        {
            turn.Reply(messages.Get("need.still_not_understood", language));
            turn.State = turn.State with { FailedUnderstandings = 0 };
            return SkillResult.Handoff("misunderstood twice");
        }
        turn.Reply(messages.Get("need.out_of_scope", language), menu.Buttons(language));
        return SkillResult.Completed;
    }

    /// <summary>Lists what the assistant can do.</summary>
    public SkillResult ShowCapabilities(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Reply(messages.Get("need.capabilities", turn.State.Language), menu.Buttons(turn.State.Language));
        turn.State = turn.State with { FailedUnderstandings = 0 };
        return SkillResult.Completed;
    }

    /// <summary>
    /// The answer to "did you mean…?": a candidate's button or number, "yes" for the first one, "none" to rephrase.
    /// Anything else is declined so the router treats it as a new request.
    /// </summary>
    public ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var candidates = turn.State.Need.Candidates;
        turn.State = turn.State with { Need = new NeedState(), ActiveSkill = null };
        if (candidates.Count == 0)
        {
            return ValueTask.FromResult(SkillResult.Declined);
        }

        var language = turn.State.Language;
        var chosen = candidates.FirstOrDefault(id =>
            string.Equals(knowledge.Find(id, language)?.Title, turn.Text, StringComparison.OrdinalIgnoreCase));
        if (chosen is null && turn.Utterance?.Is(Intents.Affirm) == true)
        {
            chosen = candidates[0];
        }
        if (chosen is not null)
        {
            return ValueTask.FromResult(faq.Answer(turn, chosen));
        }
        if (turn.Utterance?.Is(Intents.Deny) == true
            || string.Equals(turn.Text, messages.Get("need.none_of_these", language), StringComparison.OrdinalIgnoreCase))
        {
            var person = messages.Get("handoff.button", language);
            turn.Reply(messages.Get("need.rephrase", language), [CardAction.ImBack(person, person)]);
            return ValueTask.FromResult(SkillResult.Completed);
        }
        return ValueTask.FromResult(SkillResult.Declined);
    }
}
