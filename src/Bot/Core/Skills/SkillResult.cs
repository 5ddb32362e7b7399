namespace ChatCare.Core.Skills;

/// <summary>What a skill did with a turn: a small closed set, never an untyped bag.</summary>
public sealed record SkillResult
{
    private SkillResult(SkillStatus status, string? reason = null)
    {
        Status = status;
        Reason = reason;
    }

    /// <summary>The outcome.</summary>
    public SkillStatus Status { get; }

    /// <summary>Why a hand-off was asked for.</summary>
    public string? Reason { get; }

    /// <summary>The skill asked a question and keeps the floor for the answer.</summary>
    public static SkillResult Waiting { get; } = new(SkillStatus.Waiting);

    /// <summary>The skill is done; the floor is free.</summary>
    public static SkillResult Completed { get; } = new(SkillStatus.Completed);

    /// <summary>The message is not for this skill's current step (e.g. a question in the middle of a form).</summary>
    public static SkillResult Declined { get; } = new(SkillStatus.Declined);

    /// <summary>The conversation should go to a person.</summary>
    public static SkillResult Handoff(string reason) => new(SkillStatus.Handoff, reason);
}

/// <summary>Outcomes of <see cref="ISkill.HandleAsync"/>.</summary>
public enum SkillStatus
{
    /// <summary>Keeps the floor.</summary>
    Waiting,
    /// <summary>Releases the floor.</summary>
    Completed,
    /// <summary>Did not take the message; another skill should.</summary>
    Declined,
    /// <summary>Asks for a person.</summary>
    Handoff,
}
