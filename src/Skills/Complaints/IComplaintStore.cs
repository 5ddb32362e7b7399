using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;

namespace ChatCare.Skills.Complaints;

/// <summary>
/// Complaint records: the personal-data store of the complaint form. Filing takes the consent record id and refuses
/// (<see cref="Privacy.ConsentRequiredException"/>) personal data without an accepted consent of the same conversation.
/// Records are append-only: status changes and answers are <see cref="ComplaintEvent"/>s with who and when.
/// </summary>
public interface IComplaintStore
{
    /// <summary>
    /// Files <paramref name="filing"/>: a gap-free correlative code per organisation and year, unique under concurrent filings.
    /// Filing the same draft twice (a retried turn) returns the first complaint.
    /// </summary>
    /// <exception cref="Privacy.ConsentRequiredException">Personal data without a matching accepted consent record.</exception>
    Task<Complaint> FileAsync(ComplaintFiling filing, CancellationToken cancellationToken);

    /// <summary>The complaint with <paramref name="code"/>, with its events, or null.</summary>
    Task<Complaint?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>Complaints matching the filter, newest first.</summary>
    Task<IReadOnlyList<Complaint>> ListAsync(ComplaintFilter filter, CancellationToken cancellationToken);

    /// <summary>Appends an event (status change, answer) to a complaint.</summary>
    Task<Complaint?> AppendEventAsync(string code, ComplaintEvent complaintEvent, CancellationToken cancellationToken);

    /// <summary>Complaints whose e-mail and ID number are both <paramref name="email"/> and <paramref name="idNumber"/> (data rights).</summary>
    Task<IReadOnlyList<Complaint>> FindBySubjectAsync(string email, string idNumber, CancellationToken cancellationToken);
}

/// <summary>What the form hands to the store.</summary>
/// <param name="DraftId">Idempotency key.</param>
/// <param name="ConsentId">The accepted consent record; null only for an anonymous complaint without personal data.</param>
/// <param name="Values">The answers.</param>
/// <param name="ConversationId">Conversation of the complaint.</param>
/// <param name="Reference">Where to deliver the answer.</param>
/// <param name="Language">Language of the conversation.</param>
/// <param name="Country">Country profile.</param>
/// <param name="FiledAt">Filing time (UTC).</param>
/// <param name="Year">Year of the code, in the organisation's time zone.</param>
/// <param name="DueDate">Legal due date.</param>
public sealed record ComplaintFiling(
    string DraftId,
    string? ConsentId,
    IReadOnlyDictionary<ComplaintField, string> Values,
    string ConversationId,
    ConversationReference? Reference,
    string Language,
    string Country,
    DateTimeOffset FiledAt,
    int Year,
    DateOnly DueDate);

/// <summary>A filed complaint and its history.</summary>
/// <param name="Code">Correlative code, e.g. <c>R-2026-000123</c>.</param>
/// <param name="Filing">What was filed.</param>
/// <param name="Events">History, oldest first (the first is <c>filed</c>).</param>
public sealed record Complaint(string Code, ComplaintFiling Filing, IReadOnlyList<ComplaintEvent> Events)
{
    /// <summary>The current status: the latest status carried by an event.</summary>
    public string Status => Events.LastOrDefault(e => e.Status is not null)?.Status ?? ComplaintStatuses.Received;

    /// <summary>The latest answer given by staff, if any.</summary>
    public ComplaintEvent? Answer => Events.LastOrDefault(e => e.Type == ComplaintEventTypes.Answered);

    /// <summary>The answer to one field.</summary>
    public string? Get(ComplaintField field) => Filing.Values.TryGetValue(field, out var v) ? v : null;
}

/// <summary>One change to a complaint.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="By">Who: <c>customer</c> or the staff user.</param>
/// <param name="Type">See <see cref="ComplaintEventTypes"/>.</param>
/// <param name="Status">The status after the event, when it changes it.</param>
/// <param name="Text">The answer or note.</param>
public sealed record ComplaintEvent(DateTimeOffset At, string By, string Type, string? Status, string? Text);

/// <summary>Event types.</summary>
public static class ComplaintEventTypes
{
    /// <summary>Filed by the customer.</summary>
    public const string Filed = "filed";
    /// <summary>Status changed by staff.</summary>
    public const string StatusChanged = "status_changed";
    /// <summary>Answered by staff.</summary>
    public const string Answered = "answered";
}

/// <summary>Complaint statuses.</summary>
public static class ComplaintStatuses
{
    /// <summary>Filed, not yet looked at.</summary>
    public const string Received = "received";
    /// <summary>Being investigated.</summary>
    public const string InProgress = "in_progress";
    /// <summary>Answered.</summary>
    public const string Answered = "answered";
    /// <summary>Closed.</summary>
    public const string Closed = "closed";

    /// <summary>Every status staff may set.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Received, InProgress, Answered, Closed };
}

/// <summary>Filter of the staff list.</summary>
/// <param name="Status">Only this status.</param>
/// <param name="Kind">Only reclamo or queja.</param>
/// <param name="From">Filed on or after.</param>
/// <param name="To">Filed before.</param>
/// <param name="Limit">At most this many.</param>
public sealed record ComplaintFilter(string? Status = null, string? Kind = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 100);

/// <summary>Complaint kinds (Peru's Libro de Reclamaciones terms; used for every country).</summary>
public static class ComplaintKinds
{
    /// <summary>About the product or service.</summary>
    public const string Reclamo = "reclamo";
    /// <summary>About the attention received.</summary>
    public const string Queja = "queja";
}
