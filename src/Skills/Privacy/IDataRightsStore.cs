using ChatCare.Core.Conversations;

namespace ChatCare.Skills.Privacy;

/// <summary>Data-rights requests (STD-P3) and the operations that carry them out.</summary>
public interface IDataRightsStore
{
    /// <summary>Registers a request and gives it a correlative code.</summary>
    Task<DataRightsRequest> OpenAsync(DataRightsRequest request, CancellationToken cancellationToken);

    /// <summary>The request with <paramref name="code"/>, or null.</summary>
    Task<DataRightsRequest?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>Appends an event to a request (verified, exported, executed).</summary>
    Task AppendEventAsync(string code, DataRightsEvent rightsEvent, CancellationToken cancellationToken);
}

/// <summary>A data-rights request.</summary>
/// <param name="Code">Correlative code (<c>D-2026-000007</c>), set by the store.</param>
/// <param name="Right">The right.</param>
/// <param name="ConversationId">Conversation it was asked in.</param>
/// <param name="OpenedAt">When (UTC).</param>
/// <param name="Year">Year of the code.</param>
/// <param name="DueDate">Legal due date.</param>
/// <param name="Verified">Whether the customer was verified against stored records.</param>
/// <param name="SubjectConversations">Conversations holding the verified customer's data.</param>
/// <param name="ComplaintCodes">Complaints of the verified customer.</param>
public sealed record DataRightsRequest(
    string Code,
    DataRight Right,
    string ConversationId,
    DateTimeOffset OpenedAt,
    int Year,
    DateOnly DueDate,
    bool Verified,
    IReadOnlyList<string> SubjectConversations,
    IReadOnlyList<string> ComplaintCodes);

/// <summary>One step of a data-rights request.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="By">Who.</param>
/// <param name="Type">What happened.</param>
public sealed record DataRightsEvent(DateTimeOffset At, string By, string Type);

/// <summary>Erasure and retention on transcripts (STD-P3).</summary>
public interface ITranscriptRetention
{
    /// <summary>Replaces the customer's words in the transcripts of <paramref name="conversationIds"/> with a marker; returns how many entries changed.</summary>
    Task<int> AnonymiseAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken);

    /// <summary>Deletes transcript entries recorded before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
