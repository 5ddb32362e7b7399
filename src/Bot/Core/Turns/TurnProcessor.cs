using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Configuration;
using ChatCare.Core.Conversations;
using ChatCare.Core.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Core.Turns;

/// <summary>
/// Runs one inbound activity through the pipeline: serialise per conversation, load state once,
/// run middleware and the handler, save state once with its ETag, then hand the replies back.
/// This is the single place where turn failures are caught (style guide §8).
/// </summary>
public sealed class TurnProcessor(
    IConversationStateStore states,
    IEnumerable<ITurnMiddleware> middleware,
    ITurnHandler handler,
    IChannelCapabilitiesProvider channels,
    IMessageCatalog messages,
    ConversationLocks locks,
    TimeProvider time,
    IOptions<ChatCareOptions> options,
    ILogger<TurnProcessor> logger)
{
    private const int MaxSaveAttempts = 3;
    private const int RememberedActivityIds = 32;
    private readonly ITurnMiddleware[] _middleware = [.. middleware];

    /// <summary>Processes <paramref name="inbound"/> and returns the replies to deliver.</summary>
    /// <exception cref="ArgumentException">The activity has no conversation id.</exception>
    public async Task<TurnResult> ProcessAsync(Activity inbound, CancellationToken cancellationToken,
        Func<Activity, CancellationToken, Task>? sendImmediately = null)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var conversationId = inbound.Conversation?.Id;
        if (string.IsNullOrWhiteSpace(conversationId))
        {
            throw new ArgumentException("The activity has no conversation id.", nameof(inbound));
        }

        using var turnLock = await locks.AcquireAsync(conversationId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await states.GetAsync(conversationId, cancellationToken);
            var now = time.GetUtcNow();
            var state = stored?.State ?? ConversationState.New(conversationId, inbound.ChannelId ?? "", options.Value.DefaultLanguage, now);
            var turn = new TurnContext(inbound, state, channels.For(inbound.ChannelId), now, sendImmediately);

            await RunPipelineAsync(turn, cancellationToken);
            if (turn.IsDuplicate)
            {
                CoreLog.DuplicateIgnored(logger, conversationId, inbound.Id);
                return TurnResult.Duplicate;
            }

            var saved = Stamp(turn.State, inbound, now);
            var etag = await states.TrySaveAsync(saved, stored?.ETag, cancellationToken);
            if (etag is not null)
            {
                foreach (var action in turn.CommitActions)
                {
                    await action(cancellationToken);
                }
                return new TurnResult(turn.Replies, saved);
            }

            CoreLog.StateConflict(logger, conversationId, attempt);
            if (attempt == MaxSaveAttempts)
            {
                throw new ConversationConflictException(conversationId);
            }
        }
    }

    private async Task RunPipelineAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        NextTurn pipeline = handler.HandleAsync;
        for (var i = _middleware.Length - 1; i >= 0; i--)
        {
            var current = _middleware[i];
            var next = pipeline;
            pipeline = (t, ct) => current.OnTurnAsync(t, next, ct);
        }

        var before = turn.State;
        try
        {
            await pipeline(turn, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the state as it was before the failure, apologise, and let the conversation go on.
            CoreLog.TurnFailed(logger, ex, turn.State.ConversationId, turn.Activity.Type);
            turn.State = before;
            turn.ReplaceReplies([]);
            if (turn.Activity.IsMessage)
            {
                turn.Reply(messages.Get(MessageKeys.TurnError, before.Language));
            }
        }
    }

    private static ConversationState Stamp(ConversationState state, Activity inbound, DateTimeOffset now)
    {
        var recent = state.RecentActivityIds;
        if (!string.IsNullOrEmpty(inbound.Id))
        {
            recent = [.. recent.Skip(Math.Max(0, recent.Count - RememberedActivityIds + 1)), inbound.Id];
        }
        return state with
        {
            RecentActivityIds = recent,
            LastActivityAt = now,
            TurnCount = state.TurnCount + 1,
            Customer = state.Customer ?? (inbound.From is { } from ? new CustomerRef(from.Id, from.Name) : null),
            Reference = ConversationReference.FromInbound(inbound),
        };
    }
}

/// <summary>The outcome of a turn.</summary>
/// <param name="Replies">Activities to deliver, in order.</param>
/// <param name="State">The state as saved, or null when the activity was a duplicate.</param>
public sealed record TurnResult(IReadOnlyList<Activity> Replies, ConversationState? State)
{
    /// <summary>The result for a redelivered activity: nothing to send.</summary>
    public static TurnResult Duplicate { get; } = new([], null);
}

/// <summary>The state kept changing under the turn (another instance wrote it) after every retry.</summary>
public sealed class ConversationConflictException(string conversationId)
    : Exception($"Conversation '{conversationId}' was changed concurrently; the turn was not saved.");
