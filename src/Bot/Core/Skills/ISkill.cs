using ChatCare.Core.Turns;

namespace ChatCare.Core.Skills;

/// <summary>
/// A dialog skill: a plain class with one entry point and injectable ports. Multi-turn skills keep an explicit
/// step in a typed record inside <see cref="Conversations.ConversationState"/>; there is no dialog stack.
/// </summary>
public interface ISkill
{
    /// <summary>Stable name, stored as <see cref="Conversations.ConversationState.ActiveSkill"/>.</summary>
    string Name { get; }

    /// <summary>Handles a turn routed to this skill.</summary>
    ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>A multi-turn skill whose flow can be interrupted and picked up again.</summary>
public interface IResumableSkill : ISkill
{
    /// <summary>Repeats where the flow stands (the pending question) after an interruption was handled.</summary>
    ValueTask<SkillResult> ResumeAsync(TurnContext turn, CancellationToken cancellationToken);
}
