using System.Globalization;
using System.Text.RegularExpressions;
using ChatCare.Core.Conversations;
using ChatCare.Core.Messages;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Skills.Complaints;

/// <summary>
/// The status of a complaint by its code (STD-C2). Codes are sequential and easy to guess, so nothing is disclosed until
/// the customer gives one verifying datum of that complaint, its e-mail or ID number (STD-P4, PE-3); a wrong datum and an
/// unknown code get the same answer.
/// </summary>
public sealed partial class ComplaintStatusSkill(
    IMessageCatalog messages,
    Phrases phrases,
    IComplaintStore complaints,
    ILinkSigner links,
    IOptions<ComplaintsOptions> options,
    ILogger<ComplaintStatusSkill> logger) : IResumableSkill, IEntrySkill
{
    private const int MaxFailures = 3;

    /// <inheritdoc />
    public string Name => SkillNames.ComplaintStatus;

    /// <inheritdoc />
    public bool Claims(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        // "continuar mi reclamo" resumes a paused form; it is not a status query.
        if (ComplaintSkill.HasUnfinishedForm(turn.State) && phrases.Matches(turn.Text, "complaint.words.resume", turn.State.Language))
        {
            return false;
        }
        return turn.Utterance?.Is(Intents.ComplaintStatus) == true || FindCode(turn.Text) is not null;
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> StartAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var code = FindCode(turn.Text);
        turn.State = turn.State with { ActiveSkill = Name, Lookup = new LookupState { Code = code } };
        return ValueTask.FromResult(code is null ? AskCode(turn) : AskVerification(turn));
    }

    /// <inheritdoc />
    public async ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var lookup = turn.State.Lookup;
        if (ComplaintSkill.HasUnfinishedForm(turn.State) && phrases.Matches(turn.Text, "complaint.words.resume", turn.State.Language))
        {
            // The customer gives up the query to go back to their form.
            turn.State = turn.State with { ActiveSkill = null, Lookup = new LookupState() };
            return SkillResult.Declined;
        }
        switch (lookup.Step)
        {
            case LookupStep.StatusAwaitingCode when FindCode(turn.Text) is { } code:
                turn.State = turn.State with { Lookup = lookup with { Code = code } };
                return AskVerification(turn);
            case LookupStep.StatusAwaitingCode:
                return Retry(turn, "status.invalid_code", AskCode);
            case LookupStep.StatusAwaitingVerification:
                return await VerifyAsync(turn, cancellationToken);
            default:
                return SkillResult.Declined;
        }
    }

    /// <inheritdoc />
    public ValueTask<SkillResult> ResumeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return ValueTask.FromResult(turn.State.Lookup.Step == LookupStep.StatusAwaitingVerification ? AskVerification(turn) : AskCode(turn));
    }

    private SkillResult AskCode(TurnContext turn)
    {
        turn.Reply(messages.Get("status.ask_code", turn.State.Language));
        turn.State = turn.State with { ActiveSkill = Name, Lookup = turn.State.Lookup with { Step = LookupStep.StatusAwaitingCode } };
        return SkillResult.Waiting;
    }

    private SkillResult AskVerification(TurnContext turn)
    {
        turn.Reply(messages.Get("status.ask_verification", turn.State.Language, ("code", turn.State.Lookup.Code ?? "")));
        turn.State = turn.State with { ActiveSkill = Name, Lookup = turn.State.Lookup with { Step = LookupStep.StatusAwaitingVerification } };
        return SkillResult.Waiting;
    }

    private async ValueTask<SkillResult> VerifyAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.State.Language;
        var code = turn.State.Lookup.Code!;
        var complaint = await complaints.FindAsync(code, cancellationToken);
        var verified = complaint is not null && Matches(complaint, turn.Text);
        ComplaintLog.StatusAsked(logger, turn.State.ConversationId, code, verified);
        if (!verified)
        {
            return Retry(turn, "status.not_verified", AskVerification);
        }

        var status = messages.Get($"status.name.{complaint!.Status}", language);
        turn.Reply(messages.Get("status.result", language,
            ("code", complaint.Code),
            ("status", status),
            ("filed", ComplaintSkill.FormatDate(DateOnly.FromDateTime(complaint.Filing.FiledAt.UtcDateTime), language)),
            ("due", ComplaintSkill.FormatDate(complaint.Filing.DueDate, language))));
        if (complaint.Answer is { Text: { } answer })
        {
            turn.Reply(messages.Get("status.answer", language, ("answer", answer)));
        }
        var link = links.Link(ComplaintSkill.ReceiptPath(complaint.Code), turn.Now.AddDays(options.Value.LinkValidDays));
        turn.Reply(messages.Get("status.receipt", language, ("receipt", link),
            ("link_days", options.Value.LinkValidDays.ToString(CultureInfo.InvariantCulture))));
        turn.State = turn.State with { ActiveSkill = null, Lookup = new LookupState() };
        return SkillResult.Completed;
    }

    private SkillResult Retry(TurnContext turn, string reasonKey, Func<TurnContext, SkillResult> ask)
    {
        var failures = turn.State.Lookup.Failures + 1;
        turn.Reply(messages.Get(reasonKey, turn.State.Language));
        if (failures >= MaxFailures)
        {
            turn.Reply(messages.Get("status.give_up", turn.State.Language));
            turn.State = turn.State with { ActiveSkill = null, Lookup = new LookupState() };
            return SkillResult.Completed;
        }
        var result = ask(turn);
        turn.State = turn.State with { Lookup = turn.State.Lookup with { Failures = failures } };
        return result;
    }

    private static bool Matches(Complaint complaint, string datum)
    {
        var text = datum.Trim();
        var email = complaint.Get(ComplaintField.Email);
        var id = complaint.Get(ComplaintField.IdNumber);
        var compact = CompactId().Replace(text.ToUpperInvariant(), "");
        return (!string.IsNullOrEmpty(email) && string.Equals(email, text, StringComparison.OrdinalIgnoreCase))
            || (!string.IsNullOrEmpty(id) && string.Equals(id, compact, StringComparison.Ordinal));
    }

    /// <summary>A complaint code in the text (<c>R-2026-000123</c>, any case), normalised.</summary>
    public string? FindCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = CodePattern().Match(text);
        return match.Success && string.Equals(match.Groups[1].Value, options.Value.CodePrefix, StringComparison.OrdinalIgnoreCase)
            ? string.Create(CultureInfo.InvariantCulture, $"{options.Value.CodePrefix}-{match.Groups[2].Value}-{match.Groups[3].Value}")
            : null;
    }

    [GeneratedRegex(@"\b([A-Za-z]{1,3})[\s\-]?(\d{4})[\s\-]?(\d{6})\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"[\s\-\.]")]
    private static partial Regex CompactId();
}
