using ChatCare.Core.Activities;

namespace ChatCare.Core.Conversations;

/// <summary>Append-only record of every activity in and out of a conversation.</summary>
public interface ITranscriptStore
{
    /// <summary>Appends activities in order.</summary>
    Task AppendAsync(string conversationId, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken);

    /// <summary>Reads a conversation's transcript in order.</summary>
    Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>One recorded activity.</summary>
/// <param name="Direction">Whether the activity came from the customer or went to them.</param>
/// <param name="Activity">The activity.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
public sealed record TranscriptEntry(TranscriptDirection Direction, Activity Activity, DateTimeOffset RecordedAt);

/// <summary>Direction of a transcript entry.</summary>
public enum TranscriptDirection
{
    /// <summary>From the customer.</summary>
    Inbound,
    /// <summary>To the customer.</summary>
    Outbound,
}
