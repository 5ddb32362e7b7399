namespace ChatCare.Core.Conversations;

/// <summary>Durable conversation state with optimistic concurrency.</summary>
public interface IConversationStateStore
{
    /// <summary>Loads the state of a conversation, or null when it is new.</summary>
    Task<StoredState?> GetAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="state"/> if the stored ETag still equals <paramref name="expectedETag"/>
    /// (null: the conversation must not exist yet). Returns the new ETag, or null on a conflict.
    /// </summary>
    Task<string?> TrySaveAsync(ConversationState state, string? expectedETag, CancellationToken cancellationToken);
}

/// <summary>A stored state and the ETag it was stored with.</summary>
/// <param name="State">The state.</param>
/// <param name="ETag">Opaque version tag.</param>
public sealed record StoredState(ConversationState State, string ETag);
