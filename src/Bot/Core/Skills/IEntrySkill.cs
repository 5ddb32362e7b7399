using ChatCare.Core.Turns;

namespace ChatCare.Core.Skills;

/// <summary>
/// A skill that starts itself from what the customer said (an intent, a button, a code in the text). The router asks
/// every entry skill before its own table, so a feature adds its entry points without editing the router.
/// </summary>
public interface IEntrySkill : ISkill
{
    /// <summary>Whether this message starts (or picks up) this skill's flow.</summary>
    bool Claims(TurnContext turn);

    /// <summary>Starts the flow for a claimed message.</summary>
    ValueTask<SkillResult> StartAsync(TurnContext turn, CancellationToken cancellationToken);
}
