namespace ChatCare.Skills.Privacy;

/// <summary>
/// The customer's answer to the privacy notice (STD-P1, G-3): who, when (UTC), where, which notice (the hash of the exact
/// text shown) and, separately, each optional purpose. Necessary processing and optional purposes are never bundled.
/// Stored append-only: a withdrawal is a new <see cref="ConsentEvent"/>.
/// </summary>
/// <param name="Id">Record id.</param>
/// <param name="ConversationId">Conversation the notice was shown in.</param>
/// <param name="CustomerId">The customer's channel user id.</param>
/// <param name="RecordedAt">When the customer answered (UTC).</param>
/// <param name="Country">Country profile of the notice.</param>
/// <param name="NoticeVersion">SHA-256 (hex, first 16 characters) of the notice text shown.</param>
/// <param name="Language">Language of the notice shown.</param>
/// <param name="ChannelId">Channel of the conversation.</param>
/// <param name="Accepted">Whether the necessary processing was accepted.</param>
/// <param name="Purposes">Each optional purpose and whether it was accepted.</param>
public sealed record ConsentRecord(
    string Id,
    string ConversationId,
    string CustomerId,
    DateTimeOffset RecordedAt,
    string Country,
    string NoticeVersion,
    string Language,
    string ChannelId,
    bool Accepted,
    IReadOnlyDictionary<string, bool> Purposes);

/// <summary>A later change to a consent record (e.g. withdrawn), with who and when.</summary>
/// <param name="ConsentId">The record.</param>
/// <param name="At">When (UTC).</param>
/// <param name="By">Who: <c>customer</c> or a staff user.</param>
/// <param name="Type">What happened, e.g. <c>withdrawn</c>.</param>
public sealed record ConsentEvent(string ConsentId, DateTimeOffset At, string By, string Type);

/// <summary>Optional purposes a customer may accept or refuse separately.</summary>
public static class ConsentPurposes
{
    /// <summary>Offers and news from the organisation.</summary>
    public const string Marketing = "marketing";

    /// <summary>Sharing with third parties for their own purposes (never asked in the chat, so always recorded as refused).</summary>
    public const string ThirdParties = "third_parties";
}

/// <summary>Consent records, append-only.</summary>
public interface IConsentStore
{
    /// <summary>Stores a new record.</summary>
    Task RecordAsync(ConsentRecord record, CancellationToken cancellationToken);

    /// <summary>The record with <paramref name="id"/>, or null.</summary>
    Task<ConsentRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Appends an event to a record.</summary>
    Task AppendEventAsync(ConsentEvent consentEvent, CancellationToken cancellationToken);

    /// <summary>The records of the given conversations, for an access export.</summary>
    Task<IReadOnlyList<ConsentRecord>> ForConversationsAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken);
}

/// <summary>Personal data were about to be stored without a matching, accepted consent record (STD-P1, G-4).</summary>
public sealed class ConsentRequiredException(string message) : InvalidOperationException(message);
