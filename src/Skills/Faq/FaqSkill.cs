using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;
using ChatCare.Skills.Farewell;
using Microsoft.Extensions.Options;

namespace ChatCare.Skills.Faq;

/// <summary>
/// Answers from the organisation's own knowledge base, never invented (STD-F1), then checks that the doubt is
/// resolved and mentions related topics (STD-F2).
/// </summary>
public sealed class FaqSkill(IKnowledgeBase knowledge, IMessageCatalog messages, FarewellSkill farewell, IOptions<FaqOptions> options)
    : IResumableSkill
{
    /// <inheritdoc />
    public string Name => SkillNames.Faq;

    /// <summary>Whether <paramref name="label"/> names a knowledge-base entry.</summary>
    public bool Knows(string label) => knowledge.Find(label, "es") is not null;

    /// <summary>Answers with entry <paramref name="id"/> and asks whether that resolves the doubt.</summary>
    public SkillResult Answer(TurnContext turn, string id)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        var entry = knowledge.Find(id, language) ?? throw new ArgumentException($"Unknown knowledge-base id '{id}'.", nameof(id));
        turn.Reply(entry.Answer);
        if (turn.State.SuspendedSkill is not null)
        {
            // A question asked in the middle of another flow: answer it and let that flow resume, without a follow-up of our own.
            turn.State = turn.State.WithIntent(id) with { Faq = new FaqState { LastAnsweredId = id }, FailedUnderstandings = 0 };
            return SkillResult.Completed;
        }

        var yes = messages.Get("faq.resolved_yes", language);
        var no = messages.Get("faq.resolved_no", language);
        List<CardAction> buttons = [CardAction.ImBack(yes, yes), CardAction.ImBack(no, no)];
        var related = knowledge.Related(id, language, options.Value.RelatedTopics);
        buttons.AddRange(related.Select(r => CardAction.ImBack(r.Title, r.Title)));
        var question = related.Count > 0
            ? messages.Get("faq.check_with_related", language, ("related", string.Join(", ", related.Select(r => r.Title))))
            : messages.Get("faq.check", language);
        turn.Reply(question, buttons);

        turn.State = turn.State.WithIntent(id) with
        {
            Faq = new FaqState { Step = FaqStep.AwaitingResolution, LastAnsweredId = id },
            ActiveSkill = Name,
            AskedAnythingElse = false,
            FailedUnderstandings = 0,
        };
        return SkillResult.Waiting;
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.Faq.Step != FaqStep.AwaitingResolution || turn.Utterance is not { } utterance)
        {
            return ValueTask.FromResult(SkillResult.Declined);
        }

        var language = turn.State.Language;
        var text = turn.Text;
        var resolved = utterance.Is(Intents.Affirm) || utterance.Is(Intents.Thanks) || Matches(text, "faq.resolved_yes", language);
        var notResolved = utterance.Is(Intents.Deny) || Matches(text, "faq.resolved_no", language);
        if (resolved)
        {
            turn.State = turn.State with { Faq = new FaqState { LastAnsweredId = turn.State.Faq.LastAnsweredId }, ActiveSkill = null };
            turn.Reply(messages.Get("faq.glad", language));
            return ValueTask.FromResult(farewell.AskAnythingElse(turn));
        }
        if (notResolved)
        {
            turn.State = turn.State with { Faq = new FaqState { LastAnsweredId = turn.State.Faq.LastAnsweredId }, ActiveSkill = null };
            var person = messages.Get("handoff.button", language);
            turn.Reply(messages.Get("faq.sorry_not_resolved", language), [CardAction.ImBack(person, person)]);
            return ValueTask.FromResult(SkillResult.Completed);
        }

        // Anything else is a new request: let the router take it.
        turn.State = turn.State with { Faq = new FaqState { LastAnsweredId = turn.State.Faq.LastAnsweredId }, ActiveSkill = null };
        return ValueTask.FromResult(SkillResult.Declined);
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> ResumeAsync(TurnContext turn, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SkillResult.Completed);

    private bool Matches(string text, string key, string language) =>
        string.Equals(text, messages.Get(key, language), StringComparison.OrdinalIgnoreCase);
}
