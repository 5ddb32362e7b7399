using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Core.Conversations;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Conversation state in LiteDB, as JSON with an ETag. The check-and-set runs under a lock striped by conversation,
/// so two writers of one conversation cannot both win; other conversations are not blocked.
/// </summary>
public sealed class LiteDbConversationStateStore : IConversationStateStore
{
    private const int Stripes = 64;
    private readonly ILiteCollection<BsonDocument> _states;
    private readonly Lock[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new Lock())];

    /// <summary>Uses the <c>conversations</c> collection.</summary>
    public LiteDbConversationStateStore(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _states = database.Database.GetCollection("conversations");
    }

    /// <inheritdoc />
    public Task<StoredState?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _states.FindById(conversationId);
        if (document is null)
        {
            return Task.FromResult<StoredState?>(null);
        }
        var state = JsonSerializer.Deserialize(document["json"].AsString, StateJsonContext.Default.ConversationState)
            ?? throw new InvalidDataException($"Stored state of conversation {conversationId} is empty.");
        return Task.FromResult<StoredState?>(new StoredState(state, document["etag"].AsString));
    }

    /// <inheritdoc />
    public Task<string?> TrySaveAsync(ConversationState state, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.Serialize(state, StateJsonContext.Default.ConversationState);
        var etag = Guid.NewGuid().ToString("N");
        lock (_stripes[(state.ConversationId.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % Stripes])
        {
            var current = _states.FindById(state.ConversationId)?["etag"];
            var currentETag = current is null || current.IsNull ? null : current.AsString;
            if (currentETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }
            _states.Upsert(new BsonDocument
            {
                ["_id"] = state.ConversationId,
                ["etag"] = etag,
                ["json"] = json,
                ["updated"] = state.LastActivityAt.UtcDateTime,
            });
        }
        return Task.FromResult<string?>(etag);
    }
}
