using System.Collections.Concurrent;
using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Core.Conversations;
using LiteDB;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Conversation state in LiteDB, as JSON with an ETag, with the states of recently active conversations kept in memory.
/// The ETag check and the queueing of the write happen under a lock striped by conversation, so two writers of one
/// conversation cannot both win while other conversations are not blocked.
/// </summary>
/// <remarks>
/// A save is durable once it is in the write-ahead journal (<see cref="ChatCareDatabase.WriteBehindAsync"/>); LiteDB
/// applies it behind. The memory copy is authoritative because this process is the only writer of the file (it is
/// opened exclusively). A state LiteDB has not applied yet is pinned in <see cref="_uncommitted"/>: evicting it from the
/// bounded cache would let a reader see the older state in the file.
/// </remarks>
public sealed class LiteDbConversationStateStore : IConversationStateStore, IDisposable
{
    private const string Collection = "conversations";
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _states;
    private readonly ConcurrentDictionary<string, StoredState> _uncommitted = new(StringComparer.Ordinal);
    private readonly MemoryCache _recent;
    private readonly TimeSpan _idleEviction;
    private readonly StripedLocks _locks = new();

    /// <summary>Uses the <c>conversations</c> collection.</summary>
    public LiteDbConversationStateStore(ChatCareDatabase database, IOptions<StorageOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var settings = options?.Value ?? new StorageOptions();
        _database = database;
        // No secondary index: states are only read by id, and every index costs a skip-list update per turn.
        // ("updated" was indexed before; dropping it is a no-op on new files.)
        database.Prepare(db =>
        {
            ChatCareDatabase.CreateCollection(db, Collection);
            db.GetCollection(Collection).DropIndex("updated");
        });
        _states = database.Database.GetCollection(Collection);
        _recent = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.CachedConversations });
        _idleEviction = TimeSpan.FromMinutes(settings.CachedConversationIdleMinutes);
    }

    /// <inheritdoc />
    public Task<StoredState?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Current(conversationId));
    }

    /// <inheritdoc />
    public Task<string?> TrySaveAsync(ConversationState state, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        var id = state.ConversationId;
        var saved = new StoredState(state, Guid.NewGuid().ToString("N"));
        var document = new BsonDocument
        {
            ["_id"] = id,
            ["etag"] = saved.ETag,
            ["json"] = JsonSerializer.Serialize(state, StateJsonContext.Default.ConversationState),
        };
        Task durable;
        lock (_locks.For(id))
        {
            if (Current(id)?.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }
            // Pinned before it is queued: LiteDB may apply it (and unpin) before the next line would run.
            _uncommitted.TryGetValue(id, out var previous);
            _uncommitted[id] = saved;
            try
            {
                // Journaled inside the lock so that writes of one conversation reach LiteDB in ETag order. Once LiteDB
                // has it the file answers correctly again: unpin, unless a newer save took its place.
                durable = _database.WriteBehindAsync(Collection, JournalOperation.Upsert, [document],
                    applied: _ => _uncommitted.TryRemove(new KeyValuePair<string, StoredState>(id, saved)));
            }
            catch
            {
                // Not journaled (e.g. a full disk): the turn fails and the previous state stays current.
                if (previous is null)
                {
                    _uncommitted.TryRemove(new KeyValuePair<string, StoredState>(id, saved));
                }
                else
                {
                    _uncommitted[id] = previous;
                }
                throw;
            }
        }
        Remember(saved);
        return durable.IsCompletedSuccessfully
            ? Task.FromResult<string?>(saved.ETag)
            : AwaitDurableAsync(durable, saved.ETag, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _recent.Dispose();

    private static async Task<string?> AwaitDurableAsync(Task durable, string etag, CancellationToken cancellationToken)
    {
        await durable.WaitAsync(cancellationToken);
        return etag;
    }

    private StoredState? Current(string conversationId)
    {
        if (_uncommitted.TryGetValue(conversationId, out var pending) || _recent.TryGetValue(conversationId, out pending))
        {
            return pending;
        }
        var document = _states.FindById(conversationId);
        if (document is null)
        {
            return null;
        }
        var state = JsonSerializer.Deserialize(document["json"].AsString, StateJsonContext.Default.ConversationState)
            ?? throw new InvalidDataException($"Stored state of conversation {conversationId} is empty.");
        return Remember(new StoredState(state, document["etag"].AsString));
    }

    private StoredState Remember(StoredState stored) =>
        _recent.Set(stored.State.ConversationId, stored, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _idleEviction });
}
