using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;

namespace ChatCare.Skills.Handoff;

/// <summary>
/// A request for a person is never refused nor looped (STD-H1). Until a live agent queue exists, and later whenever
/// no agent is available, the customer gets the organisation's contact channels and hours, honestly.
/// </summary>
public sealed class ContactFallbackSkill(IMessageCatalog messages) : ISkill
{
    /// <inheritdoc />
    public string Name => SkillNames.Handoff;

    /// <inheritdoc />
    public ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Reply(messages.Get("handoff.contact_channels", turn.State.Language));
        turn.State = turn.State with { ActiveSkill = null, FailedUnderstandings = 0 };
        return ValueTask.FromResult(SkillResult.Completed);
    }
}
