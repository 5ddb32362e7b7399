using ChatCare.Core.Activities;
using ChatCare.Core.Handoff;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;
using ChatCare.Skills.Farewell;
using ChatCare.Skills.Faq;
using ChatCare.Skills.Greeting;
using ChatCare.Skills.Handoff;
using ChatCare.Skills.NeedIdentification;

namespace ChatCare.Skills.Routing;

/// <summary>
/// Decides which skill takes a turn. In order: the hand-off to people holds the conversation while it is waiting, attended
/// (the assistant is silent, STD-H4) or rating; a customer in crisis (STD-H2) or a request for a person interrupts anything
/// (STD-H1); the skill holding the floor gets the message next; otherwise the understood need picks the skill. A resumable flow that declines a
/// message (a question in the middle of a form) is suspended, the question is answered, and the flow resumes.
/// </summary>
public sealed class SkillRouter(
    GreetingSkill greeting,
    NeedIdentificationSkill need,
    FaqSkill faq,
    FarewellSkill farewell,
    HandoffSkill handoff,
    IKnowledgeBase knowledge,
    IMessageCatalog messages,
    IEnumerable<ISkill> skills) : ITurnHandler
{
    private const string ComplaintsBookEntry = "complaints-book";
    private readonly Dictionary<string, ISkill> _skills = skills.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private readonly IEntrySkill[] _entries = [.. skills.OfType<IEntrySkill>()];

    /// <inheritdoc />
    public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Activity.Type switch
        {
            ActivityTypes.ConversationUpdate => OnMembersAddedAsync(turn),
            ActivityTypes.Message => OnMessageAsync(turn, cancellationToken),
            ActivityTypes.Event when HandoffSkill.IsHandoffEvent(turn.Activity.Name) => handoff.OnEventAsync(turn, cancellationToken),
            // Unknown activity types are ignored, as the schema asks (A2014).
            _ => Task.CompletedTask,
        };
    }

    private Task OnMembersAddedAsync(TurnContext turn)
    {
        var bot = turn.Activity.Recipient?.Id;
        var customerJoined = turn.Activity.MembersAdded?.Any(m => m.Id != bot) == true;
        if (customerJoined && !turn.State.Greeted)
        {
            greeting.Welcome(turn);
        }
        return Task.CompletedTask;
    }

    private async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        if (turn.Text.Length == 0 || turn.Utterance is not { } utterance)
        {
            turn.Reply(messages.Get("engine.text_only", language));
            return;
        }
        turn.State = turn.State with { Closed = false };

        if (HandoffSkill.HoldsFloor(turn) && await handoff.ContinueAsync(turn, cancellationToken))
        {
            return;
        }
        // Inside a form (a complaint, say) anger is expected and the flow goes on; self-harm and threats interrupt anything.
        if (handoff.CrisisIn(turn) is { } crisis && (turn.State.ActiveSkill is null || crisis is "self_harm" or "threat"))
        {
            await InterruptForPersonAsync(turn, HandoffReasons.Crisis, cancellationToken, crisis);
            return;
        }
        if (utterance.Is(Intents.HumanAgent) || IsPersonButton(turn))
        {
            await InterruptForPersonAsync(turn, HandoffReasons.Asked, cancellationToken);
            return;
        }

        if (turn.State.ActiveSkill is { } activeName && _skills.TryGetValue(activeName, out var active))
        {
            var result = await active.HandleAsync(turn, cancellationToken);
            if (result.Status != SkillStatus.Declined)
            {
                await FollowAsync(turn, result, cancellationToken);
                return;
            }
            if (active is IResumableSkill && turn.State.ActiveSkill == activeName)
            {
                turn.State = turn.State with { ActiveSkill = null, SuspendedSkill = activeName };
            }
        }

        await FollowAsync(turn, await RouteAsync(turn, utterance, cancellationToken), cancellationToken);
        await ResumeSuspendedAsync(turn, cancellationToken);
    }

    private async ValueTask<SkillResult> RouteAsync(TurnContext turn, Utterance utterance, CancellationToken cancellationToken)
    {
        if (!turn.State.Greeted)
        {
            // A first message that is only a greeting, or too unclear to place, gets the welcome and the topics. One the
            // model recognises as out of scope ("¿tienen vacantes?") is a real request: it gets a plain answer after the
            // greeting rather than being passed over (STD-N2).
            var recognisedOutOfScope = utterance.Band == ConfidenceBand.OutOfScope && utterance.Top.Label == Intents.OutOfScope;
            if (utterance.Is(Intents.Greeting) || (utterance.Band == ConfidenceBand.OutOfScope && !recognisedOutOfScope))
            {
                greeting.Welcome(turn);
                return SkillResult.Completed;
            }
            greeting.Introduce(turn);
        }

        if (knowledge.FindByTitle(turn.Text, turn.State.Language) is { } pressed)
        {
            return faq.Answer(turn, pressed.Id);
        }

        // Feature skills that start from their own intents, buttons or codes (complaints, status, data rights).
        if (_entries.FirstOrDefault(e => e.Claims(turn)) is { } entry)
        {
            return await entry.StartAsync(turn, cancellationToken);
        }

        var top = utterance.Top.Label;
        if (utterance.Band == ConfidenceBand.Answer)
        {
            turn.State = turn.State.WithIntent(top) with { FailedUnderstandings = top == Intents.OutOfScope ? turn.State.FailedUnderstandings : 0 };
        }
        return utterance.Band switch
        {
            ConfidenceBand.OutOfScope => need.OutOfScope(turn),
            ConfidenceBand.Confirm => need.Confirm(turn, utterance),
            _ => top switch
            {
                Intents.Greeting => await greeting.HandleAsync(turn, cancellationToken),
                Intents.Farewell or Intents.Thanks or Intents.Deny => await farewell.HandleAsync(turn, cancellationToken),
                Intents.Capabilities or Intents.Affirm => need.ShowCapabilities(turn),
                Intents.BotIdentity => Completed(() => greeting.DescribeSelf(turn)),
                Intents.Complaint when faq.Knows(ComplaintsBookEntry) => faq.Answer(turn, ComplaintsBookEntry),
                Intents.Complaint => await RequestPersonAsync(turn, HandoffReasons.Complaint, cancellationToken),
                _ when faq.Knows(top) => faq.Answer(turn, top),
                _ => need.OutOfScope(turn),
            },
        };
    }

    private async Task FollowAsync(TurnContext turn, SkillResult result, CancellationToken cancellationToken)
    {
        if (result.Status == SkillStatus.Handoff)
        {
            await handoff.RequestAsync(turn, HandoffReasons.NotUnderstood, cancellationToken);
        }
    }

    private async ValueTask<SkillResult> RequestPersonAsync(TurnContext turn, string reason, CancellationToken cancellationToken)
    {
        await handoff.RequestAsync(turn, reason, cancellationToken);
        return SkillResult.Completed;
    }

    private async Task InterruptForPersonAsync(TurnContext turn, string reason, CancellationToken cancellationToken, string? crisis = null)
    {
        var active = turn.State.ActiveSkill;
        if (active is not null && _skills.TryGetValue(active, out var skill) && skill is IResumableSkill)
        {
            turn.State = turn.State with { SuspendedSkill = active };
        }
        turn.State = turn.State.WithIntent(Intents.HumanAgent);
        await handoff.RequestAsync(turn, reason, cancellationToken, crisis);
        if (turn.State.Handoff.Stage == Core.Conversations.HandoffStage.None)
        {
            // Nobody took the conversation (contact channels given): the interrupted flow goes on.
            await ResumeSuspendedAsync(turn, cancellationToken);
        }
        else
        {
            turn.State = turn.State with { SuspendedSkill = null };
        }
    }

    private async Task ResumeSuspendedAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.State.SuspendedSkill is not { } suspended)
        {
            return;
        }
        turn.State = turn.State with { SuspendedSkill = null };
        if (turn.State.ActiveSkill is null && _skills.TryGetValue(suspended, out var skill) && skill is IResumableSkill resumable)
        {
            turn.State = turn.State with { ActiveSkill = suspended };
            await resumable.ResumeAsync(turn, cancellationToken);
        }
    }

    private bool IsPersonButton(TurnContext turn) =>
        string.Equals(turn.Text, messages.Get("handoff.button", turn.State.Language), StringComparison.OrdinalIgnoreCase);

    private static SkillResult Completed(Action action)
    {
        action();
        return SkillResult.Completed;
    }
}
