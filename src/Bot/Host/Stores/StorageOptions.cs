namespace ChatCare.Bot.Stores;

/// <summary>How the embedded store commits, under <c>ChatCare:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Storage";

    /// <summary>When a turn's conversation state and transcript count as saved. Complaints, consents and other records are always committed before they are acknowledged.</summary>
    public TurnDurability TurnDurability { get; set; } = TurnDurability.Synchronous;
}

/// <summary>When a turn's state and transcript count as saved.</summary>
public enum TurnDurability
{
    /// <summary>
    /// Replies leave only after the state is committed to disk (group commit: concurrent turns share one commit).
    /// A crash never loses a turn the customer saw answered. A turn costs at least one disk flush.
    /// </summary>
    Synchronous,

    /// <summary>
    /// Replies leave as soon as the state is queued; the writer commits queued turns continuously, in order.
    /// A hard crash can lose the turns of the commit in flight (a few milliseconds); a graceful stop loses nothing.
    /// </summary>
    Batched,
}
