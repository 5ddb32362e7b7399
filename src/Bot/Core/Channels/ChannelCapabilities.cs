namespace ChatCare.Core.Channels;

/// <summary>
/// What a channel can show, declared by the channel itself instead of a shared switch on channel ids.
/// Replies are shaped to fit before they leave (STD-G4).
/// </summary>
public sealed record ChannelCapabilities
{
    /// <summary>Whether buttons under a message (suggested actions) can be shown.</summary>
    public bool SupportsSuggestedActions { get; init; } = true;

    /// <summary>The most buttons one message may carry; more become numbered text.</summary>
    public int MaxSuggestedActions { get; init; } = 10;

    /// <summary>Longest button label.</summary>
    public int MaxActionTitleLength { get; init; } = 40;

    /// <summary>Whether hero cards render.</summary>
    public bool SupportsHeroCards { get; init; } = true;

    /// <summary>Whether Markdown renders.</summary>
    public bool SupportsMarkdown { get; init; } = true;

    /// <summary>Whether a typing indicator can be shown.</summary>
    public bool SupportsTyping { get; init; } = true;

    /// <summary>Longest text of one message.</summary>
    public int MaxTextLength { get; init; } = 4096;

    /// <summary>Capabilities of the Bot Framework protocol and Web Chat: everything.</summary>
    public static ChannelCapabilities Full { get; } = new();

    /// <summary>A plain-text terminal.</summary>
    public static ChannelCapabilities PlainText { get; } = new()
    {
        SupportsSuggestedActions = false,
        SupportsHeroCards = false,
        SupportsMarkdown = false,
        SupportsTyping = false,
    };
}
