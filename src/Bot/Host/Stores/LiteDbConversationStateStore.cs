using System.Collections.Concurrent;
using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Core.Conversations;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Conversation state in LiteDB, as JSON with an ETag. The check-and-set runs under a lock striped by conversation,
/// so two writers of one conversation cannot both win; other conversations are not blocked. A saved state is served
/// from memory until its write is committed, so the next turn sees it whichever <see cref="TurnDurability"/> is set.
/// </summary>
public sealed class LiteDbConversationStateStore : IConversationStateStore
{
    private const string Collection = "conversations";
    private const int Stripes = 64;
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _states;
    private readonly ConcurrentDictionary<string, StoredState> _uncommitted = new(StringComparer.Ordinal);
    private readonly Lock[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new Lock())];

    /// <summary>Uses the <c>conversations</c> collection.</summary>
    public LiteDbConversationStateStore(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _states = database.Database.GetCollection(Collection);
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
            ["updated"] = state.LastActivityAt.UtcDateTime,
        };
        Task committed;
        lock (_stripes[(id.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % Stripes])
        {
            if (Current(id)?.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }
            _uncommitted[id] = saved;
            // Queued inside the lock so that writes of one conversation reach the writer in ETag order.
            committed = _database.WriteAsync(db => db.GetCollection(Collection).Upsert(document), CancellationToken.None);
        }
        // Once on disk (or failed, which the writer logs) the file answers for it again, unless a newer save took its place.
        _ = committed.ContinueWith(
            t =>
            {
                _ = t.Exception; // observed: the writer has logged it
                _uncommitted.TryRemove(new KeyValuePair<string, StoredState>(id, saved));
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return AwaitSaved(_database.TurnDataSaved(committed), saved.ETag, cancellationToken);
    }

    private static async Task<string?> AwaitSaved(Task saved, string etag, CancellationToken cancellationToken)
    {
        await saved.WaitAsync(cancellationToken);
        return etag;
    }

    private StoredState? Current(string conversationId)
    {
        if (_uncommitted.TryGetValue(conversationId, out var pending))
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
        return new StoredState(state, document["etag"].AsString);
    }
}
