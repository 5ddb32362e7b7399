using ChatCare.Core.Channels;

namespace ChatCare.Core.Conversations;

/// <summary>
/// Everything ChatCare remembers about one conversation, loaded once and saved once per turn.
/// Skills receive it typed and return a changed copy; they never touch storage (style guide, pitfall 1).
/// </summary>
public sealed record ConversationState
{
    /// <summary>The conversation id (as the channel gave it).</summary>
    public required string ConversationId { get; init; }

    /// <summary>The channel the conversation lives on.</summary>
    public string ChannelId { get; init; } = "";

    /// <summary>The customer, as the channel names them.</summary>
    public CustomerRef? Customer { get; init; }

    /// <summary>Where to reach the conversation later (agent messages, complaint answers), from the latest inbound activity.</summary>
    public ConversationReference? Reference { get; init; }

    /// <summary>Language of the conversation so far: <c>es</c> or <c>en</c> (STD-G3).</summary>
    public string Language { get; init; } = "es";

    /// <summary>Whether the greeting (STD-G1, G2) has been given.</summary>
    public bool Greeted { get; init; }

    /// <summary>The skill that holds the floor and gets the next message first, if any.</summary>
    public string? ActiveSkill { get; init; }

    /// <summary>A skill whose flow was interrupted and is resumed once the interruption is handled.</summary>
    public string? SuspendedSkill { get; init; }

    /// <summary>State of need identification ("did you mean…?").</summary>
    public NeedState Need { get; init; } = new();

    /// <summary>State of the FAQ skill.</summary>
    public FaqState Faq { get; init; } = new();

    /// <summary>The complaint form (STD-C1, STD-P2).</summary>
    public ComplaintState Complaint { get; init; } = new();

    /// <summary>The privacy decision of this conversation (STD-P1).</summary>
    public PrivacyState Privacy { get; init; } = new();

    /// <summary>A pending complaint status query or data-rights request (STD-C2, STD-P3, STD-P4).</summary>
    public LookupState Lookup { get; init; } = new();

    /// <summary>Where the conversation stands with people: waiting, attended by an agent, or rating the attention (STD-H3, H4, X2).</summary>
    public HandoffState Handoff { get; init; } = new();

    /// <summary>Whether the customer was asked if anything else is needed (STD-X1).</summary>
    public bool AskedAnythingElse { get; init; }

    /// <summary>Consecutive messages that were not understood; two in a row offer a person (STD-H1).</summary>
    public int FailedUnderstandings { get; init; }

    /// <summary>Options last offered, so a channel without buttons can answer "2" (STD-G4).</summary>
    public IReadOnlyList<OfferedOption> OfferedOptions { get; init; } = [];

    /// <summary>Distinct intents identified in this conversation, in order (STD-X3).</summary>
    public IReadOnlyList<string> Intents { get; init; } = [];

    /// <summary>Ids of the latest inbound activities, for de-duplication of redeliveries.</summary>
    public IReadOnlyList<string> RecentActivityIds { get; init; } = [];

    /// <summary>When the conversation started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the last turn happened (UTC).</summary>
    public DateTimeOffset LastActivityAt { get; init; }

    /// <summary>How many turns have been processed.</summary>
    public int TurnCount { get; init; }

    /// <summary>Whether the conversation has been closed with a farewell.</summary>
    public bool Closed { get; init; }

    /// <summary>A fresh state for a new conversation.</summary>
    public static ConversationState New(string conversationId, string channelId, string language, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        ChannelId = channelId,
        Language = language,
        StartedAt = now,
        LastActivityAt = now,
    };

    /// <summary>Adds an intent to <see cref="Intents"/> unless it is already there.</summary>
    public ConversationState WithIntent(string intent) =>
        Intents.Contains(intent) ? this : this with { Intents = [.. Intents, intent] };
}

/// <summary>The customer behind a conversation, as the channel identifies them.</summary>
/// <param name="Id">Channel user id.</param>
/// <param name="Name">Display name, if the channel gives one.</param>
public sealed record CustomerRef(string Id, string? Name);

/// <summary>An option offered as a button; <paramref name="Value"/> is what choosing it sends.</summary>
/// <param name="Title">Label.</param>
/// <param name="Value">Text sent when chosen.</param>
public sealed record OfferedOption(string Title, string Value);

/// <summary>What need identification waits for between turns.</summary>
public sealed record NeedState
{
    /// <summary>Labels offered in "did you mean…?" (STD-N1); empty when nothing is pending.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];
}

/// <summary>What the FAQ skill waits for between turns.</summary>
public sealed record FaqState
{
    /// <summary>The step the FAQ skill is at.</summary>
    public FaqStep Step { get; init; } = FaqStep.Idle;

    /// <summary>The knowledge-base entry answered last.</summary>
    public string? LastAnsweredId { get; init; }
}

/// <summary>Steps of the FAQ skill.</summary>
public enum FaqStep
{
    /// <summary>Nothing pending.</summary>
    Idle,
    /// <summary>Answered and asked whether the doubt is resolved (STD-F2).</summary>
    AwaitingResolution,
}
