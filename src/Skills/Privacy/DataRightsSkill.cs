using ChatCare.Core.Activities;
using ChatCare.Core.Configuration;
using ChatCare.Core.Conversations;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Skills.Complaints;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Skills.Privacy;

/// <summary>
/// "Quiero ver / corregir / borrar mis datos" (STD-P3, G-6): opens a rights request with a code and the legal due date.
/// The customer is verified by the e-mail and ID number of their filed complaints (STD-P4). Verified access gets a signed
/// link to a JSON export; verified deletion anonymises the transcripts, while complaint records under legal retention are
/// kept and the customer is told why. The current conversation is always the customer's own and is included.
/// </summary>
public sealed class DataRightsSkill(
    IMessageCatalog messages,
    Phrases phrases,
    IComplaintStore complaints,
    IDataRightsStore requests,
    ITranscriptRetention transcripts,
    ILinkSigner links,
    IOptions<ComplaintsOptions> options,
    IOptions<OrganisationOptions> organisation,
    ILogger<DataRightsSkill> logger) : IResumableSkill, IEntrySkill
{
    private const string DataRightsEntry = "data-rights";
    private static readonly string[] RightButtons = ["rights.button.access", "rights.button.rectify", "rights.button.delete"];

    /// <inheritdoc />
    public string Name => SkillNames.DataRights;

    /// <summary>The relative path of a request's JSON export.</summary>
    public static string ExportPath(string code) => $"/privacy/requests/{Uri.EscapeDataString(code)}/export";

    /// <inheritdoc />
    public bool Claims(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.State.Language;
        var aboutMyData = phrases.Contains(turn.Text, "rights.words.my_data", language);
        return turn.Utterance?.Is(DataRightsEntry) == true && (aboutMyData || RightIn(turn) is not null)
            || aboutMyData && RightIn(turn) is not null
            || phrases.Matches(turn.Text, "rights.button.access", language)
            || phrases.Matches(turn.Text, "rights.button.rectify", language)
            || phrases.Matches(turn.Text, "rights.button.delete", language);
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> StartAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.State = turn.State with { ActiveSkill = Name, Lookup = new LookupState { Right = RightIn(turn) } };
        return ValueTask.FromResult(turn.State.Lookup.Right is null ? AskRight(turn) : AskEmail(turn));
    }

    /// <inheritdoc />
    public async ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var lookup = turn.State.Lookup;
        var language = turn.State.Language;
        if (phrases.Matches(turn.Text, "complaint.words.cancel", language))
        {
            turn.Reply(messages.Get("rights.cancelled", language));
            turn.State = turn.State with { ActiveSkill = null, Lookup = new LookupState() };
            return SkillResult.Completed;
        }
        switch (lookup.Step)
        {
            case LookupStep.RightsAwaitingChoice when RightIn(turn) is { } right:
                turn.State = turn.State with { Lookup = lookup with { Right = right } };
                return AskEmail(turn);
            case LookupStep.RightsAwaitingChoice:
                return AskRight(turn);
            case LookupStep.RightsAwaitingEmail:
                var email = FieldValidation.Email(turn.Text);
                if (!email.IsValid)
                {
                    turn.Reply(messages.Get("complaint.invalid.email", language));
                    return AskEmail(turn);
                }
                turn.State = turn.State with { Lookup = lookup with { Email = email.Value, Step = LookupStep.RightsAwaitingIdNumber } };
                turn.Reply(messages.Get("rights.ask_id", language));
                return SkillResult.Waiting;
            case LookupStep.RightsAwaitingIdNumber:
                return await OpenAsync(turn, cancellationToken);
            case LookupStep.RightsAwaitingDeletionConfirmation:
                return await ConfirmDeletionAsync(turn, cancellationToken);
            default:
                return SkillResult.Declined;
        }
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> ResumeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return ValueTask.FromResult(turn.State.Lookup.Step switch
        {
            LookupStep.RightsAwaitingEmail => AskEmail(turn),
            LookupStep.RightsAwaitingIdNumber => Say(turn, "rights.ask_id"),
            _ => AskRight(turn),
        });
    }

    private SkillResult AskRight(TurnContext turn)
    {
        var language = turn.State.Language;
        var buttons = RightButtons
            .Select(k => messages.Get(k, language).Split('|')[0]).Select(t => CardAction.ImBack(t, t)).ToList();
        turn.Reply(messages.Get("rights.ask_right", language), buttons);
        turn.State = turn.State with { ActiveSkill = Name, Lookup = turn.State.Lookup with { Step = LookupStep.RightsAwaitingChoice } };
        return SkillResult.Waiting;
    }

    private SkillResult AskEmail(TurnContext turn)
    {
        turn.Reply(messages.Get("rights.ask_email", turn.State.Language));
        turn.State = turn.State with { ActiveSkill = Name, Lookup = turn.State.Lookup with { Step = LookupStep.RightsAwaitingEmail } };
        return SkillResult.Waiting;
    }

    private SkillResult Say(TurnContext turn, string key)
    {
        turn.Reply(messages.Get(key, turn.State.Language));
        return SkillResult.Waiting;
    }

    private async ValueTask<SkillResult> OpenAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        var lookup = turn.State.Lookup;
        var right = lookup.Right ?? DataRight.Access;
        var idNumber = new string([.. turn.Text.ToUpperInvariant().Where(char.IsLetterOrDigit)]);
        var found = await complaints.FindBySubjectAsync(lookup.Email ?? "", idNumber, cancellationToken);
        var profile = options.Value.Profile;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(turn.Now, organisation.Value.ResolveTimeZone()).DateTime);
        var days = right == DataRight.Access ? profile.AccessBusinessDays : profile.OtherRightsBusinessDays;
        var due = BusinessCalendar.AddBusinessDays(today, days, profile.Holidays);
        var request = await requests.OpenAsync(new DataRightsRequest("", right, turn.State.ConversationId, turn.Now, today.Year, due,
            Verified: found.Count > 0,
            SubjectConversations: [.. found.Select(c => c.Filing.ConversationId).Append(turn.State.ConversationId).Distinct(StringComparer.Ordinal)],
            ComplaintCodes: [.. found.Select(c => c.Code)]), cancellationToken);
        ComplaintLog.RightsOpened(logger, turn.State.ConversationId, request.Code, right, request.Verified);

        var rightName = messages.Get($"rights.name.{right.ToString().ToLowerInvariant()}", language);
        turn.Reply(messages.Get("rights.opened", language, ("code", request.Code), ("right", rightName), ("due", ComplaintSkill.FormatDate(due, language))));
        turn.State = turn.State with { ActiveSkill = null, Lookup = new LookupState() };
        if (!request.Verified)
        {
            turn.Reply(messages.Get("rights.not_verified", language));
        }

        switch (right)
        {
            case DataRight.Access:
                var link = links.Link(ExportPath(request.Code), turn.Now.AddDays(options.Value.LinkValidDays));
                await requests.AppendEventAsync(request.Code, new DataRightsEvent(turn.Now, "customer", "export_link_issued"), cancellationToken);
                turn.Reply(messages.Get("rights.export", language, ("link", link)));
                return SkillResult.Completed;
            case DataRight.Delete:
                var yes = messages.Get("rights.button.confirm_delete", language).Split('|')[0];
                var no = messages.Get("rights.button.keep", language).Split('|')[0];
                turn.Reply(messages.Get("rights.confirm_delete", language), [CardAction.ImBack(yes, yes), CardAction.ImBack(no, no)]);
                turn.State = turn.State with { ActiveSkill = Name, Lookup = new LookupState { Step = LookupStep.RightsAwaitingDeletionConfirmation, Code = request.Code } };
                return SkillResult.Waiting;
            default:
                turn.Reply(messages.Get("rights.rectify_next", language));
                return SkillResult.Completed;
        }
    }

    private async ValueTask<SkillResult> ConfirmDeletionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        var code = turn.State.Lookup.Code!;
        turn.State = turn.State with { ActiveSkill = null, Lookup = new LookupState() };
        if (!phrases.Matches(turn.Text, "rights.button.confirm_delete", language) && turn.Utterance?.Is(Core.Understanding.Intents.Affirm) != true)
        {
            await requests.AppendEventAsync(code, new DataRightsEvent(turn.Now, "customer", "deletion_withdrawn"), cancellationToken);
            turn.Reply(messages.Get("rights.kept", language));
            return SkillResult.Completed;
        }

        var request = await requests.FindAsync(code, cancellationToken);
        var conversations = request?.SubjectConversations ?? [turn.State.ConversationId];
        // After the state is saved: earlier turns of this conversation are already in the transcript and get anonymised too.
        turn.OnCommitted(async ct =>
        {
            await transcripts.AnonymiseAsync(conversations, ct);
            await requests.AppendEventAsync(code, new DataRightsEvent(turn.Now, "customer", "transcripts_anonymised"), ct);
        });
        turn.State = turn.State with { Complaint = new ComplaintState(), Customer = turn.State.Customer is { } c ? c with { Name = null } : null };
        var retained = request?.ComplaintCodes ?? [];
        turn.Reply(retained.Count > 0
            ? messages.Get($"rights.deleted_retained.{options.Value.Profile.Country}", language, ("codes", string.Join(", ", retained)),
                ("years", options.Value.Profile.RetentionYears.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : messages.Get("rights.deleted", language));
        return SkillResult.Completed;
    }

    private DataRight? RightIn(TurnContext turn)
    {
        var language = turn.State.Language;
        var text = turn.Text;
        if (phrases.Matches(text, "rights.button.delete", language) || phrases.Contains(text, "rights.words.delete", language))
        {
            return DataRight.Delete;
        }
        if (phrases.Matches(text, "rights.button.rectify", language) || phrases.Contains(text, "rights.words.rectify", language))
        {
            return DataRight.Rectify;
        }
        if (phrases.Matches(text, "rights.button.access", language) || phrases.Contains(text, "rights.words.access", language))
        {
            return DataRight.Access;
        }
        return null;
    }
}
