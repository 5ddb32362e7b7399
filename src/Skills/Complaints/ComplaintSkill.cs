using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatCare.Core.Activities;
using ChatCare.Core.Configuration;
using ChatCare.Core.Conversations;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;
using ChatCare.Skills.Farewell;
using ChatCare.Skills.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Skills.Complaints;

/// <summary>
/// The complaints book as a conversation (STD-C1). The privacy notice comes before the first personal datum and the
/// answer is recorded (STD-P1); each field is validated and asked again with a reason, the summary is read back and
/// confirmed before filing (STD-P2); any field can be corrected, the form cancelled, or paused and resumed. Filing gets
/// a correlative code, the legal due date, the legend and a signed receipt link. Dissatisfaction anywhere gets the
/// procedure (STD-C4). Logs carry codes and steps, never what the customer wrote.
/// </summary>
public sealed partial class ComplaintSkill(
    IMessageCatalog messages,
    Phrases phrases,
    IConsentStore consents,
    IComplaintStore complaints,
    ILinkSigner links,
    IKnowledgeBase knowledge,
    FarewellSkill farewell,
    IOptions<ComplaintsOptions> options,
    IOptions<OrganisationOptions> organisation,
    ILogger<ComplaintSkill> logger) : IResumableSkill, IEntrySkill
{
    private static readonly ComplaintField[] PersonalFields =
    [
        ComplaintField.FullName, ComplaintField.IdType, ComplaintField.IdNumber, ComplaintField.Address,
        ComplaintField.Email, ComplaintField.Phone, ComplaintField.IsMinor, ComplaintField.Guardian,
        ComplaintField.PurchaseDate, ComplaintField.ReceiptNumber,
    ];

    private static readonly HashSet<string> AnswerLikeIntents = new(StringComparer.Ordinal)
    {
        Intents.OutOfScope, Intents.Affirm, Intents.Deny, Intents.Thanks, Intents.Greeting, Intents.Complaint, Intents.Dissatisfaction,
    };

    /// <summary>Fields that hold personal data: never asked before consent, never asked in an anonymous complaint.</summary>
    public static IReadOnlyList<ComplaintField> Personal => PersonalFields;

    /// <inheritdoc />
    public string Name => SkillNames.Complaint;

    private CountryProfile Profile => options.Value.Profile;

    /// <inheritdoc />
    public bool Claims(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        return turn.Utterance?.Is(Intents.Complaint) == true
            || turn.Utterance?.Is(Intents.Dissatisfaction) == true
            || phrases.Matches(turn.Text, "complaint.start_button", language)
            || phrases.Matches(turn.Text, "complaint.anonymous_button", language)
            || (HasUnfinishedForm(turn.State) && phrases.Matches(turn.Text, "complaint.words.resume", language));
    }

    /// <summary>A form that was paused, or left when another flow took the floor, and can be continued.</summary>
    public static bool HasUnfinishedForm(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Complaint.Step != ComplaintStep.Idle && (state.Complaint.Paused || state.ActiveSkill != SkillNames.Complaint);
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> StartAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        var form = turn.State.Complaint;
        if (form.Step != ComplaintStep.Idle)
        {
            turn.State = turn.State with { ActiveSkill = Name, Complaint = form with { Paused = false } };
            turn.Reply(messages.Get("complaint.resumed", language));
            return AskPendingAsync(turn);
        }
        if (turn.Utterance?.Is(Intents.Dissatisfaction) == true)
        {
            return ValueTask.FromResult(InformProcedure(turn));
        }

        var anonymous = phrases.Matches(turn.Text, "complaint.anonymous_button", language) && Profile.AllowsAnonymous;
        var draft = new ComplaintDraft { Id = Guid.NewGuid().ToString("N"), Anonymous = anonymous };
        turn.State = turn.State with { ActiveSkill = Name, Complaint = new ComplaintState { Draft = draft } };
        ComplaintLog.Started(logger, turn.State.ConversationId, anonymous);
        if (anonymous || turn.State.Privacy.ConsentId is not null)
        {
            turn.Reply(messages.Get(anonymous ? "complaint.intro_anonymous" : "complaint.intro", language));
            return ValueTask.FromResult(AskNext(turn));
        }
        return ValueTask.FromResult(ShowNotice(turn));
    }

    /// <inheritdoc />
    public async ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var form = turn.State.Complaint;
        if (form.Step == ComplaintStep.Idle || form.Paused)
        {
            return SkillResult.Declined;
        }

        var language = turn.State.Language;
        if (phrases.Matches(turn.Text, "complaint.words.cancel", language))
        {
            return Cancel(turn);
        }
        if (phrases.Matches(turn.Text, "complaint.words.pause", language))
        {
            return Pause(turn);
        }

        return form.Step switch
        {
            ComplaintStep.AwaitingConsent => await OnConsentAnswerAsync(turn, cancellationToken),
            ComplaintStep.AwaitingOptionalPurpose => await OnPurposeAnswerAsync(turn, cancellationToken),
            ComplaintStep.AskingField => OnFieldAnswer(turn),
            ComplaintStep.AwaitingConfirmation => await OnConfirmationAsync(turn, cancellationToken),
            ComplaintStep.ChoosingCorrection => OnCorrectionChoice(turn),
            _ => SkillResult.Declined,
        };
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> ResumeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Reply(messages.Get("complaint.resumed", turn.State.Language));
        return AskPendingAsync(turn);
    }

    /// <summary>STD-C4: the customer is unhappy; tell them how to complain and offer to do it here.</summary>
    public SkillResult InformProcedure(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        var start = messages.Get("complaint.start_button", language).Split('|')[0];
        var person = messages.Get("handoff.button", language);
        turn.Reply(messages.Get("complaint.procedure", language,
            ("days", Profile.ResponseBusinessDays.ToString(CultureInfo.InvariantCulture)),
            ("legend", messages.Get($"complaint.legend.{Profile.Country}", language, ("days", Profile.ResponseBusinessDays.ToString(CultureInfo.InvariantCulture))))),
            [CardAction.ImBack(start, start), CardAction.ImBack(person, person)]);
        turn.State = turn.State with { ActiveSkill = null };
        return SkillResult.Completed;
    }

    private ValueTask<SkillResult> AskPendingAsync(TurnContext turn)
    {
        var form = turn.State.Complaint;
        return ValueTask.FromResult(form.Step switch
        {
            ComplaintStep.AwaitingConsent => ShowNotice(turn),
            ComplaintStep.AwaitingOptionalPurpose => AskPurpose(turn),
            ComplaintStep.AskingField when form.Field is { } field => Ask(turn, field, form.Correcting),
            ComplaintStep.AwaitingConfirmation => Summary(turn),
            ComplaintStep.ChoosingCorrection => AskWhichCorrection(turn),
            _ => AskNext(turn),
        });
    }

    // ---- Consent (STD-P1) ----

    private SkillResult ShowNotice(TurnContext turn)
    {
        var language = turn.State.Language;
        var notice = messages.Get($"privacy.notice.{Profile.Country}", language, ("url", Profile.PrivacyNoticeUrl));
        var accept = FirstOf("privacy.accept_button", language);
        var refuse = FirstOf("privacy.refuse_button", language);
        turn.Reply(notice);
        turn.Reply(messages.Get("privacy.ask_consent", language), [CardAction.ImBack(accept, accept), CardAction.ImBack(refuse, refuse)]);
        turn.State = turn.State with
        {
            ActiveSkill = Name,
            Complaint = turn.State.Complaint with { Step = ComplaintStep.AwaitingConsent, NoticeVersion = Hash(notice) },
        };
        ComplaintLog.NoticeShown(logger, turn.State.ConversationId, Profile.Country, turn.State.Complaint.NoticeVersion!);
        return SkillResult.Waiting;
    }

    private async ValueTask<SkillResult> OnConsentAnswerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        if (phrases.Matches(turn.Text, "privacy.refuse_button", language) || turn.Utterance?.Is(Intents.Deny) == true)
        {
            await RecordConsentAsync(turn, accepted: false, marketing: false, cancellationToken);
            return Refused(turn);
        }
        if (phrases.Matches(turn.Text, "privacy.accept_button", language) || turn.Utterance?.Is(Intents.Affirm) == true)
        {
            return AskPurpose(turn);
        }
        if (LooksLikeAnotherRequest(turn))
        {
            return SkillResult.Declined;
        }
        turn.Reply(messages.Get("privacy.ask_again", language));
        return ShowNotice(turn);
    }

    private SkillResult AskPurpose(TurnContext turn)
    {
        var language = turn.State.Language;
        var yes = FirstOf("privacy.marketing_yes", language);
        var no = FirstOf("privacy.marketing_no", language);
        turn.Reply(messages.Get("privacy.ask_marketing", language), [CardAction.ImBack(yes, yes), CardAction.ImBack(no, no)]);
        turn.State = turn.State with { Complaint = turn.State.Complaint with { Step = ComplaintStep.AwaitingOptionalPurpose } };
        return SkillResult.Waiting;
    }

    private async ValueTask<SkillResult> OnPurposeAnswerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        bool marketing;
        if (phrases.Matches(turn.Text, "privacy.marketing_yes", language) || turn.Utterance?.Is(Intents.Affirm) == true)
        {
            marketing = true;
        }
        else if (phrases.Matches(turn.Text, "privacy.marketing_no", language) || turn.Utterance?.Is(Intents.Deny) == true)
        {
            marketing = false;
        }
        else if (LooksLikeAnotherRequest(turn))
        {
            return SkillResult.Declined;
        }
        else
        {
            return AskPurpose(turn);
        }

        await RecordConsentAsync(turn, accepted: true, marketing, cancellationToken);
        turn.Reply(messages.Get("complaint.intro", language));
        return AskNext(turn);
    }

    private async Task RecordConsentAsync(TurnContext turn, bool accepted, bool marketing, CancellationToken cancellationToken)
    {
        var state = turn.State;
        var record = new ConsentRecord(
            Id: Guid.NewGuid().ToString("N"),
            ConversationId: state.ConversationId,
            CustomerId: state.Customer?.Id ?? turn.Activity.From?.Id ?? "",
            RecordedAt: turn.Now,
            Country: Profile.Country,
            NoticeVersion: state.Complaint.NoticeVersion ?? "",
            Language: state.Language,
            ChannelId: turn.Activity.ChannelId ?? state.ChannelId,
            Accepted: accepted,
            Purposes: new Dictionary<string, bool>(StringComparer.Ordinal)
            {
                [ConsentPurposes.Marketing] = accepted && marketing,
                [ConsentPurposes.ThirdParties] = false,
            });
        await consents.RecordAsync(record, cancellationToken);
        turn.State = turn.State with { Privacy = accepted ? new PrivacyState { ConsentId = record.Id } : new PrivacyState { Refused = true } };
        ComplaintLog.ConsentRecorded(logger, state.ConversationId, record.Id, accepted);
    }

    private SkillResult Refused(TurnContext turn)
    {
        var language = turn.State.Language;
        var person = messages.Get("handoff.button", language);
        List<CardAction> buttons = [CardAction.ImBack(person, person)];
        if (Profile.AllowsAnonymous)
        {
            var anonymous = FirstOf("complaint.anonymous_button", language);
            buttons.Insert(0, CardAction.ImBack(anonymous, anonymous));
        }
        turn.Reply(messages.Get(Profile.AllowsAnonymous ? "privacy.refused_anonymous" : "privacy.refused", language), buttons);
        turn.State = turn.State with { ActiveSkill = null, Complaint = new ComplaintState() };
        return SkillResult.Completed;
    }

    // ---- The form (STD-C1, STD-P2) ----

    private static IEnumerable<ComplaintField> Applicable(ComplaintDraft draft) => Enum.GetValues<ComplaintField>().Where(field => field switch
    {
        ComplaintField.Guardian => !draft.Anonymous && draft.Get(ComplaintField.IsMinor) == "yes",
        _ when draft.Anonymous => !PersonalFields.Contains(field),
        _ => true,
    });

    private bool IsOptional(ComplaintField field) => !Profile.RequiredFields.Contains(field);

    private SkillResult AskNext(TurnContext turn)
    {
        var draft = turn.State.Complaint.Draft;
        var next = Applicable(draft).Where(f => draft.Get(f) is null).Cast<ComplaintField?>().FirstOrDefault();
        return next is { } field ? Ask(turn, field, correcting: false) : Summary(turn);
    }

    private SkillResult Ask(TurnContext turn, ComplaintField field, bool correcting)
    {
        var language = turn.State.Language;
        List<CardAction> buttons = field switch
        {
            ComplaintField.Kind => Buttons(language, "complaint.kind_reclamo", "complaint.kind_queja", "complaint.kind_unsure"),
            ComplaintField.IdType => [.. Profile.IdTypes.Select(t => CardAction.ImBack(IdTypeLabel(t, language), IdTypeLabel(t, language)))],
            ComplaintField.IsMinor => Buttons(language, "complaint.answer_yes", "complaint.answer_no"),
            _ => [],
        };
        if (IsOptional(field) && field is not (ComplaintField.Kind or ComplaintField.IsMinor or ComplaintField.IdType))
        {
            buttons.AddRange(Buttons(language, "complaint.words.skip"));
        }
        var question = messages.Get($"complaint.ask.{Key(field)}", language, ("id_type", IdTypeLabel(turn.State.Complaint.Draft.Get(ComplaintField.IdType) ?? "", language)));
        turn.Reply(question, buttons);
        turn.State = turn.State with
        {
            ActiveSkill = Name,
            Complaint = turn.State.Complaint with { Step = ComplaintStep.AskingField, Field = field, Correcting = correcting, InvalidAnswers = 0 },
        };
        return SkillResult.Waiting;
    }

    private SkillResult OnFieldAnswer(TurnContext turn)
    {
        var form = turn.State.Complaint;
        var field = form.Field!.Value;
        var language = turn.State.Language;
        var text = turn.Text.Trim();

        if (field == ComplaintField.Kind && phrases.Matches(text, "complaint.kind_unsure", language))
        {
            turn.Reply(messages.Get("complaint.kind_explained", language));
            return Ask(turn, field, form.Correcting);
        }
        var check = IsOptional(field) && phrases.Matches(text, "complaint.words.skip", language)
            ? FieldCheck.Valid("")
            : Check(field, text, turn);
        var freeText = field is ComplaintField.Product or ComplaintField.Detail or ComplaintField.Request or ComplaintField.Address;
        if (!check.IsValid || (freeText && text.EndsWith('?')))
        {
            if (LooksLikeAnotherRequest(turn))
            {
                return SkillResult.Declined;
            }
            if (check.IsValid is false)
            {
                return Reask(turn, field, check.ReasonKey!);
            }
        }

        var draft = form.Draft.With(field, check.Value!);
        if (field == ComplaintField.IdType && form.Draft.Get(ComplaintField.IdType) != check.Value)
        {
            draft = draft.Without(ComplaintField.IdNumber);
        }
        if (field == ComplaintField.IsMinor && check.Value == "no")
        {
            draft = draft.Without(ComplaintField.Guardian);
        }
        turn.State = turn.State with { Complaint = form with { Draft = draft, InvalidAnswers = 0 } };
        ComplaintLog.FieldAccepted(logger, turn.State.ConversationId, field);

        var missing = Applicable(draft).Where(f => draft.Get(f) is null).Cast<ComplaintField?>().FirstOrDefault();
        if (form.Correcting)
        {
            return missing is { } dependent ? Ask(turn, dependent, correcting: true) : Summary(turn);
        }
        return AskNext(turn);
    }

    private FieldCheck Check(ComplaintField field, string text, TurnContext turn)
    {
        var language = turn.State.Language;
        var country = Profile.Country;
        return field switch
        {
            ComplaintField.Kind => phrases.Contains(text, "complaint.kind_reclamo", language) ? FieldCheck.Valid(ComplaintKinds.Reclamo)
                : phrases.Contains(text, "complaint.kind_queja", language) ? FieldCheck.Valid(ComplaintKinds.Queja)
                : FieldCheck.Invalid("complaint.invalid.kind"),
            ComplaintField.FullName or ComplaintField.Guardian => FieldValidation.PersonName(text),
            ComplaintField.IdType => Profile.IdTypes.FirstOrDefault(t =>
                    string.Equals(t, text, StringComparison.OrdinalIgnoreCase) || phrases.Matches(text, $"complaint.id_type.{t.ToLowerInvariant()}", language)) is { } type
                ? FieldCheck.Valid(type)
                : FieldCheck.Invalid("complaint.invalid.id_type"),
            ComplaintField.IdNumber => FieldValidation.IdNumber(turn.State.Complaint.Draft.Get(ComplaintField.IdType) ?? "PAS", text),
            ComplaintField.Address => FieldValidation.Text(text, 6, 200, "complaint.invalid.address"),
            ComplaintField.Email => FieldValidation.Email(text),
            ComplaintField.Phone => FieldValidation.Phone(text, country),
            ComplaintField.IsMinor => phrases.Matches(text, "complaint.answer_yes", language) || turn.Utterance?.Is(Intents.Affirm) == true ? FieldCheck.Valid("yes")
                : phrases.Matches(text, "complaint.answer_no", language) || turn.Utterance?.Is(Intents.Deny) == true ? FieldCheck.Valid("no")
                : FieldCheck.Invalid("complaint.invalid.yes_no"),
            ComplaintField.Product => FieldValidation.Text(text, 3, 200, "complaint.invalid.product"),
            ComplaintField.Amount => FieldValidation.Amount(text),
            ComplaintField.PurchaseDate => FieldValidation.PastDate(text, LocalDate(turn.Now)),
            ComplaintField.ReceiptNumber => FieldValidation.Receipt(text),
            ComplaintField.Detail => FieldValidation.Text(text, 10, 3000, "complaint.invalid.detail"),
            ComplaintField.Request => FieldValidation.Text(text, 3, 1000, "complaint.invalid.request"),
            _ => FieldCheck.Invalid("complaint.invalid.kind"),
        };
    }

    private SkillResult Reask(TurnContext turn, ComplaintField field, string reasonKey)
    {
        var language = turn.State.Language;
        var form = turn.State.Complaint;
        var invalid = form.InvalidAnswers + 1;
        ComplaintLog.FieldRefused(logger, turn.State.ConversationId, field, reasonKey);
        turn.Reply(messages.Get(reasonKey, language));
        Ask(turn, field, form.Correcting);
        turn.State = turn.State with { Complaint = turn.State.Complaint with { InvalidAnswers = invalid } };
        if (invalid >= 3)
        {
            var person = messages.Get("handoff.button", language);
            turn.Reply(messages.Get("complaint.offer_person", language), [CardAction.ImBack(person, person)]);
        }
        return SkillResult.Waiting;
    }

    // ---- Summary, correction, filing ----

    private SkillResult Summary(TurnContext turn)
    {
        var language = turn.State.Language;
        var draft = turn.State.Complaint.Draft;
        var lines = Applicable(draft).Select(f => $"- {messages.Get($"complaint.label.{Key(f)}", language)}: {Display(f, draft.Get(f), language)}");
        turn.Reply(messages.Get("complaint.summary", language) + "\n\n" + string.Join("\n", lines));
        turn.Reply(messages.Get("complaint.confirm", language), Buttons(language, "complaint.confirm_button", "complaint.correct_button", "complaint.words.cancel"));
        turn.State = turn.State with
        {
            ActiveSkill = Name,
            Complaint = turn.State.Complaint with { Step = ComplaintStep.AwaitingConfirmation, Field = null, Correcting = false },
        };
        return SkillResult.Waiting;
    }

    private async ValueTask<SkillResult> OnConfirmationAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        if (FieldNamedIn(turn) is { } named)
        {
            return Ask(turn, named, correcting: true);
        }
        if (phrases.Matches(turn.Text, "complaint.confirm_button", language) || turn.Utterance?.Is(Intents.Affirm) == true)
        {
            return await FileAsync(turn, cancellationToken);
        }
        if (phrases.Matches(turn.Text, "complaint.correct_button", language) || turn.Utterance?.Is(Intents.Deny) == true
            || phrases.Contains(turn.Text, "complaint.words.correct", language))
        {
            return AskWhichCorrection(turn);
        }
        return LooksLikeAnotherRequest(turn) ? SkillResult.Declined : Summary(turn);
    }

    private SkillResult AskWhichCorrection(TurnContext turn)
    {
        var language = turn.State.Language;
        var draft = turn.State.Complaint.Draft;
        var labels = Applicable(draft).Select(f => messages.Get($"complaint.label.{Key(f)}", language)).ToList();
        turn.Reply(messages.Get("complaint.which_field", language), [.. labels.Select(l => CardAction.ImBack(l, l))]);
        turn.State = turn.State with { ActiveSkill = Name, Complaint = turn.State.Complaint with { Step = ComplaintStep.ChoosingCorrection } };
        return SkillResult.Waiting;
    }

    private SkillResult OnCorrectionChoice(TurnContext turn)
    {
        if (FieldNamedIn(turn) is { } field)
        {
            return Ask(turn, field, correcting: true);
        }
        return LooksLikeAnotherRequest(turn) ? SkillResult.Declined : AskWhichCorrection(turn);
    }

    private ComplaintField? FieldNamedIn(TurnContext turn)
    {
        var language = turn.State.Language;
        foreach (var field in Applicable(turn.State.Complaint.Draft))
        {
            var key = $"complaint.label.{Key(field)}";
            if (phrases.Matches(turn.Text, key, language) || phrases.Contains(turn.Text, $"complaint.field_words.{Key(field)}", language))
            {
                return field;
            }
        }
        return null;
    }

    private async ValueTask<SkillResult> FileAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        var form = turn.State.Complaint;
        var profile = Profile;
        var filedOn = LocalDate(turn.Now);
        var due = BusinessCalendar.AddBusinessDays(filedOn, profile.ResponseBusinessDays, profile.Holidays);
        var filing = new ComplaintFiling(form.Draft.Id, form.Draft.Anonymous ? null : turn.State.Privacy.ConsentId, form.Draft.Values,
            turn.State.ConversationId, turn.State.Reference ?? Core.Channels.ConversationReference.FromInbound(turn.Activity),
            language, profile.Country, turn.Now, filedOn.Year, due);
        Complaint complaint;
        try
        {
            complaint = await complaints.FileAsync(filing, cancellationToken);
        }
        catch (ConsentRequiredException)
        {
            // The consent record is missing (e.g. lost with a restored backup): ask again instead of storing anything.
            ComplaintLog.ConsentMissing(logger, turn.State.ConversationId);
            turn.State = turn.State with { Privacy = new PrivacyState() };
            return ShowNotice(turn);
        }

        var days = profile.ResponseBusinessDays.ToString(CultureInfo.InvariantCulture);
        var receipt = links.Link(ReceiptPath(complaint.Code), turn.Now.AddDays(options.Value.LinkValidDays));
        turn.Reply(messages.Get("complaint.filed", language,
            ("code", complaint.Code),
            ("kind", messages.Get($"complaint.kind_name.{complaint.Get(ComplaintField.Kind)}", language)),
            ("due", FormatDate(due, language)),
            ("days", days),
            ("receipt", receipt),
            ("link_days", options.Value.LinkValidDays.ToString(CultureInfo.InvariantCulture))));
        turn.Reply(messages.Get($"complaint.legend.{profile.Country}", language, ("days", days)));
        ComplaintLog.Filed(logger, turn.State.ConversationId, complaint.Code);
        turn.State = turn.State with { ActiveSkill = null, Complaint = new ComplaintState() };
        return farewell.AskAnythingElse(turn);
    }

    private SkillResult Cancel(TurnContext turn)
    {
        turn.Reply(messages.Get("complaint.cancelled", turn.State.Language));
        ComplaintLog.Cancelled(logger, turn.State.ConversationId);
        turn.State = turn.State with { ActiveSkill = null, Complaint = new ComplaintState() };
        return SkillResult.Completed;
    }

    private SkillResult Pause(TurnContext turn)
    {
        var resume = FirstOf("complaint.words.resume", turn.State.Language);
        turn.Reply(messages.Get("complaint.paused", turn.State.Language, ("resume", resume)), [CardAction.ImBack(resume, resume)]);
        turn.State = turn.State with { ActiveSkill = null, Complaint = turn.State.Complaint with { Paused = true } };
        return SkillResult.Completed;
    }

    // ---- Helpers ----

    /// <summary>A question or request for something else in the middle of the form: let the router answer it, then resume.</summary>
    private bool LooksLikeAnotherRequest(TurnContext turn) =>
        turn.Utterance is { Band: ConfidenceBand.Answer } utterance && !AnswerLikeIntents.Contains(utterance.Top.Label)
        && (knowledge.Find(utterance.Top.Label, "es") is not null || utterance.Top.Label is Intents.Capabilities or Intents.BotIdentity
            or Intents.ComplaintStatus or Intents.Farewell);

    /// <summary>The relative path of a complaint's printable receipt.</summary>
    public static string ReceiptPath(string code) => $"/complaints/{Uri.EscapeDataString(code)}/receipt";

    private string Display(ComplaintField field, string? value, string language) => (field, value) switch
    {
        (_, null or "") => "—",
        (ComplaintField.Kind, _) => messages.Get($"complaint.kind_name.{value}", language),
        (ComplaintField.IsMinor, "yes") => FirstOf("complaint.answer_yes", language),
        (ComplaintField.IsMinor, _) => FirstOf("complaint.answer_no", language),
        (ComplaintField.IdType, _) => IdTypeLabel(value, language),
        _ => value,
    };

    private string IdTypeLabel(string type, string language) =>
        type.Length == 0 ? "" : FirstOf($"complaint.id_type.{type.ToLowerInvariant()}", language);

    private List<CardAction> Buttons(string language, params string[] keys) =>
        [.. keys.Select(k => FirstOf(k, language)).Select(t => CardAction.ImBack(t, t))];

    private string FirstOf(string key, string language) => messages.Get(key, language).Split('|')[0].Trim();

    private DateOnly LocalDate(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, organisation.Value.ResolveTimeZone()).DateTime);

    /// <summary>A date as customers read it: «24 de marzo de 2026» / «March 24, 2026».</summary>
    public static string FormatDate(DateOnly date, string language) => language == "en"
        ? date.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"))
        : date.ToString("d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo("es-ES"));

    /// <summary>snake_case message-key segment of a field.</summary>
    public static string Key(ComplaintField field) => SnakeCase().Replace(field.ToString(), "$1_$2").ToLowerInvariant();

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [System.Text.RegularExpressions.GeneratedRegex("([a-z])([A-Z])")]
    private static partial System.Text.RegularExpressions.Regex SnakeCase();
}
