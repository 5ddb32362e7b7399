namespace ChatCare.Skills;

/// <summary>Names skills are stored under in <see cref="Core.Conversations.ConversationState.ActiveSkill"/>.</summary>
public static class SkillNames
{
    /// <summary>Greeting and introduction.</summary>
    public const string Greeting = "greeting";
    /// <summary>Need identification.</summary>
    public const string NeedIdentification = "need";
    /// <summary>Answers from the knowledge base.</summary>
    public const string Faq = "faq";
    /// <summary>Closing and farewell.</summary>
    public const string Farewell = "farewell";
    /// <summary>Request for a person.</summary>
    public const string Handoff = "handoff";
    /// <summary>Complaint form (STD-C1).</summary>
    public const string Complaint = "complaint";
    /// <summary>Complaint status by code (STD-C2).</summary>
    public const string ComplaintStatus = "complaint_status";
    /// <summary>Data-rights requests (STD-P3).</summary>
    public const string DataRights = "data_rights";
}
