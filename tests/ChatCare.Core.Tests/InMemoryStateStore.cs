using System.Collections.Concurrent;
using ChatCare.Core.Conversations;

namespace ChatCare.Core.Tests;

/// <summary>A state store with real ETag semantics, for engine tests that do not need LiteDB.</summary>
internal sealed class InMemoryStateStore : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, StoredState> _states = new();

    public int Saves { get; private set; }

    /// <summary>When set, the next save of any conversation fails as if another instance had written it.</summary>
    public bool FailNextSave { get; set; }

    public Task<StoredState?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(conversationId, out var s) ? s : null);

    public Task<string?> TrySaveAsync(ConversationState state, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_states)
        {
            if (FailNextSave)
            {
                FailNextSave = false;
                _states[state.ConversationId] = new StoredState(ConversationState.New(state.ConversationId, state.ChannelId, "es", state.StartedAt), "other-writer");
                return Task.FromResult<string?>(null);
            }
            var current = _states.TryGetValue(state.ConversationId, out var s) ? s.ETag : null;
            if (current != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }
            var etag = Guid.NewGuid().ToString("N");
            _states[state.ConversationId] = new StoredState(state, etag);
            Saves++;
            return Task.FromResult<string?>(etag);
        }
    }
}
