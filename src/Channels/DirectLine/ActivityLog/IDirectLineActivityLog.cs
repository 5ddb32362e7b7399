using ChatCare.Core.Activities;

namespace ChatCare.Channels.DirectLine.ActivityLog;

/// <summary>
/// The durable history of Direct Line conversations: what the client reads with a watermark, also after a restart.
/// Each conversation numbers its activities 1, 2, 3…; the number is the watermark and never goes back.
/// </summary>
public interface IDirectLineActivityLog
{
    /// <summary>Records a conversation; false when it already existed (nothing changes then).</summary>
    Task<bool> CreateConversationAsync(string conversationId, string userId, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>The conversation, or null when it was never started.</summary>
    Task<DirectLineConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends activities in order. Each gets the next sequence number, and <paramref name="stamp"/> turns it into the stored form
    /// (id, timestamp), atomically with the numbering so ids and sequence numbers always agree.
    /// </summary>
    Task<IReadOnlyList<LoggedActivity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities,
        Func<long, Activity, Activity> stamp, CancellationToken cancellationToken);

    /// <summary>Activities after <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The stored activity a client posted with this <c>channelData.clientActivityID</c>, or null.</summary>
    Task<LoggedActivity?> FindByClientActivityIdAsync(string conversationId, string clientActivityId, CancellationToken cancellationToken);
}

/// <summary>A started conversation.</summary>
/// <param name="ConversationId">Its id.</param>
/// <param name="UserId">The customer it was started for.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="LastSequence">Sequence number of the newest activity; 0 when empty.</param>
public sealed record DirectLineConversationRecord(string ConversationId, string UserId, DateTimeOffset CreatedAt, long LastSequence);

/// <summary>An activity in the history.</summary>
/// <param name="Sequence">Its position, which is the watermark.</param>
/// <param name="Activity">The activity as the client sees it.</param>
public sealed record LoggedActivity(long Sequence, Activity Activity);
