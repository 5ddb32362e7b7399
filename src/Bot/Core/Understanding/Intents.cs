namespace ChatCare.Core.Understanding;

/// <summary>Names of the conversational intents in <c>prompts/intents/</c>; knowledge-base ids are labels too.</summary>
public static class Intents
{
    /// <summary>Hello.</summary>
    public const string Greeting = "greeting";
    /// <summary>Goodbye.</summary>
    public const string Farewell = "farewell";
    /// <summary>Thanks.</summary>
    public const string Thanks = "thanks";
    /// <summary>Yes.</summary>
    public const string Affirm = "affirm";
    /// <summary>No.</summary>
    public const string Deny = "deny";
    /// <summary>Asks for a person (STD-H1).</summary>
    public const string HumanAgent = "human_agent";
    /// <summary>Wants to file a complaint now.</summary>
    public const string Complaint = "complaint";
    /// <summary>Asks what the assistant can do.</summary>
    public const string Capabilities = "capabilities";
    /// <summary>Asks whether it is a bot.</summary>
    public const string BotIdentity = "bot_identity";
    /// <summary>Asks for the status of a complaint (STD-C2).</summary>
    public const string ComplaintStatus = "complaint_status";
    /// <summary>Expresses dissatisfaction without asking to complain (STD-C4).</summary>
    public const string Dissatisfaction = "dissatisfaction";
    /// <summary>Out of scope (STD-N2).</summary>
    public const string OutOfScope = "oos";
}
