namespace ChatCare.Core.Conversations;

/// <summary>
/// What the complaint form waits for between turns (STD-C1, STD-P2): an explicit step, the field being asked, and the
/// typed draft. The draft holds personal data only after consent (STD-P1) and is cleared once filed or cancelled.
/// </summary>
public sealed record ComplaintState
{
    /// <summary>The step the form is at.</summary>
    public ComplaintStep Step { get; init; } = ComplaintStep.Idle;

    /// <summary>The field being asked when <see cref="Step"/> is <see cref="ComplaintStep.AskingField"/>.</summary>
    public ComplaintField? Field { get; init; }

    /// <summary>True while a field chosen from the summary is being corrected: its answer returns to the summary.</summary>
    public bool Correcting { get; init; }

    /// <summary>The form so far.</summary>
    public ComplaintDraft Draft { get; init; } = new();

    /// <summary>True when the customer paused the form; "continuar" picks it up where it was.</summary>
    public bool Paused { get; init; }

    /// <summary>Invalid answers in a row for the current field; after three the customer is offered a person.</summary>
    public int InvalidAnswers { get; init; }

    /// <summary>Version (hash) of the privacy notice shown, recorded with the consent.</summary>
    public string? NoticeVersion { get; init; }
}

/// <summary>Steps of the complaint form.</summary>
public enum ComplaintStep
{
    /// <summary>No form in progress.</summary>
    Idle,
    /// <summary>The privacy notice was shown; waiting for accept or refuse (STD-P1).</summary>
    AwaitingConsent,
    /// <summary>Consent given; waiting for the answer about the optional purpose (marketing), asked separately.</summary>
    AwaitingOptionalPurpose,
    /// <summary>Asking <see cref="ComplaintState.Field"/>.</summary>
    AskingField,
    /// <summary>The summary was read back; waiting for confirm, correct or cancel (STD-P2).</summary>
    AwaitingConfirmation,
    /// <summary>The customer wants to correct something; waiting for which field.</summary>
    ChoosingCorrection,
}

/// <summary>The fields of the complaint form, in the order they are asked.</summary>
public enum ComplaintField
{
    /// <summary>Reclamo (product or service) or queja (the attention received).</summary>
    Kind,
    /// <summary>Full name.</summary>
    FullName,
    /// <summary>ID document type (DNI, CE, RUC, CURP, RFC, NIE, passport…) by country.</summary>
    IdType,
    /// <summary>ID document number, validated for its type.</summary>
    IdNumber,
    /// <summary>Postal address.</summary>
    Address,
    /// <summary>E-mail address.</summary>
    Email,
    /// <summary>Phone number.</summary>
    Phone,
    /// <summary>Whether the consumer is a minor.</summary>
    IsMinor,
    /// <summary>Parent or guardian, asked only for a minor.</summary>
    Guardian,
    /// <summary>The product or service involved.</summary>
    Product,
    /// <summary>Amount claimed (optional).</summary>
    Amount,
    /// <summary>Purchase date (optional).</summary>
    PurchaseDate,
    /// <summary>Receipt or order number (optional).</summary>
    ReceiptNumber,
    /// <summary>What happened.</summary>
    Detail,
    /// <summary>What the customer asks for.</summary>
    Request,
}

/// <summary>
/// The complaint form's answers. <see cref="Id"/> makes filing idempotent: a retried turn files the same draft once.
/// A skipped optional field is an empty string; an unanswered one is null.
/// </summary>
public sealed record ComplaintDraft
{
    /// <summary>Idempotency key of this draft.</summary>
    public string Id { get; init; } = "";

    /// <summary>An anonymous complaint (consent refused where the law allows it): no personal fields are asked.</summary>
    public bool Anonymous { get; init; }

    /// <summary>Answers by field.</summary>
    public IReadOnlyDictionary<ComplaintField, string> Values { get; init; } = new Dictionary<ComplaintField, string>();

    /// <summary>The answer to <paramref name="field"/>, or null when not answered yet.</summary>
    public string? Get(ComplaintField field) => Values.TryGetValue(field, out var value) ? value : null;

    /// <summary>A copy with <paramref name="field"/> answered.</summary>
    public ComplaintDraft With(ComplaintField field, string value) =>
        this with { Values = new Dictionary<ComplaintField, string>(Values) { [field] = value } };

    /// <summary>A copy without <paramref name="field"/> (asked again).</summary>
    public ComplaintDraft Without(ComplaintField field)
    {
        var values = new Dictionary<ComplaintField, string>(Values);
        values.Remove(field);
        return this with { Values = values };
    }
}

/// <summary>The conversation's privacy decision (STD-P1): the consent record it holds, or that the customer refused.</summary>
public sealed record PrivacyState
{
    /// <summary>The stored consent record, once the customer accepted the notice.</summary>
    public string? ConsentId { get; init; }

    /// <summary>True when the customer refused; no personal data are asked for again unless they ask to start over.</summary>
    public bool Refused { get; init; }
}

/// <summary>What the status query (STD-C2, STD-P4) and the data-rights request (STD-P3) wait for between turns.</summary>
public sealed record LookupState
{
    /// <summary>The step.</summary>
    public LookupStep Step { get; init; } = LookupStep.Idle;

    /// <summary>The complaint code given (status query), or the rights request's code (deletion confirmation).</summary>
    public string? Code { get; init; }

    /// <summary>The right asked for, for a data-rights request.</summary>
    public DataRight? Right { get; init; }

    /// <summary>The e-mail given, for a data-rights request.</summary>
    public string? Email { get; init; }

    /// <summary>Failed verifications so far.</summary>
    public int Failures { get; init; }
}

/// <summary>Steps of status queries and data-rights requests.</summary>
public enum LookupStep
{
    /// <summary>Nothing pending.</summary>
    Idle,
    /// <summary>Waiting for the complaint code.</summary>
    StatusAwaitingCode,
    /// <summary>Waiting for the verifying datum (e-mail or ID number) of that complaint.</summary>
    StatusAwaitingVerification,
    /// <summary>Waiting for which right (see, correct, delete).</summary>
    RightsAwaitingChoice,
    /// <summary>Waiting for the e-mail the data were given with.</summary>
    RightsAwaitingEmail,
    /// <summary>Waiting for the ID number the data were given with.</summary>
    RightsAwaitingIdNumber,
    /// <summary>Waiting for the confirmation of a deletion.</summary>
    RightsAwaitingDeletionConfirmation,
}

/// <summary>Data-subject rights (ARCO; GDPR arts. 15–17).</summary>
public enum DataRight
{
    /// <summary>See my data (access).</summary>
    Access,
    /// <summary>Correct my data (rectification).</summary>
    Rectify,
    /// <summary>Delete my data (cancellation / erasure).</summary>
    Delete,
}
