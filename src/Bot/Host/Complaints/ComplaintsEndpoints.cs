using System.Globalization;
using System.Security.Claims;
using System.Text;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;
using ChatCare.Core.Messages;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;
using ChatCare.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Complaints;

/// <summary>
/// The staff complaints API (<c>/api/complaints</c>, signed-in agents and supervisors: list, filter, get, change status,
/// answer; STD-C2, C3), the printable receipt at a signed link, and the signed JSON export of a data-rights request (STD-P3).
/// </summary>
public static partial class ComplaintsEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapComplaints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/complaints").RequireAuthorization(StaffPolicies.Staff);
        api.MapGet("/", ListAsync);
        api.MapGet("/{code}", GetAsync);
        api.MapPost("/{code}/status", ChangeStatusAsync).DisableAntiforgery();
        api.MapPost("/{code}/answer", AnswerAsync).DisableAntiforgery();
        endpoints.MapGet("/complaints/{code}/receipt", ReceiptAsync);
        endpoints.MapGet("/privacy/requests/{code}/export", ExportAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<ComplaintView[]>, ProblemHttpResult>> ListAsync(
        IComplaintStore complaints, string? status, string? kind, DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken cancellationToken)
    {
        if (status is not null && !ComplaintStatuses.All.Contains(status))
        {
            return BadRequest($"status must be one of: {string.Join(", ", ComplaintStatuses.All)}.");
        }
        if (kind is not null and not (ComplaintKinds.Reclamo or ComplaintKinds.Queja))
        {
            return BadRequest("kind must be reclamo or queja.");
        }
        if (limit is < 1 or > 1000)
        {
            return BadRequest("limit must be between 1 and 1000.");
        }
        var list = await complaints.ListAsync(new ComplaintFilter(status, kind, from, to, limit ?? 100), cancellationToken);
        return TypedResults.Ok(list.Select(ComplaintView.From).ToArray());
    }

    private static async Task<Results<Ok<ComplaintView>, NotFound>> GetAsync(IComplaintStore complaints, string code, CancellationToken cancellationToken) =>
        await complaints.FindAsync(code, cancellationToken) is { } complaint ? TypedResults.Ok(ComplaintView.From(complaint)) : TypedResults.NotFound();

    private static async Task<Results<Ok<ComplaintView>, NotFound, ProblemHttpResult>> ChangeStatusAsync(
        IComplaintStore complaints, TimeProvider time, ClaimsPrincipal user, string code, StatusChange? body, CancellationToken cancellationToken)
    {
        if (body?.Status is not { } status || !ComplaintStatuses.All.Contains(status))
        {
            return BadRequest($"Send {{\"status\": \"…\", \"note\": \"…\"}} with a status among: {string.Join(", ", ComplaintStatuses.All)}.");
        }
        var changed = await complaints.AppendEventAsync(code,
            new ComplaintEvent(time.GetUtcNow(), user.StaffUser(), ComplaintEventTypes.StatusChanged, status, body.Note), cancellationToken);
        return changed is null ? TypedResults.NotFound() : TypedResults.Ok(ComplaintView.From(changed));
    }

    private static async Task<Results<Ok<AnswerResult>, NotFound, ProblemHttpResult>> AnswerAsync(
        IComplaintStore complaints, IProactiveMessenger messenger, IMessageCatalog messages, TimeProvider time, ClaimsPrincipal user,
        ILoggerFactory logging, string code, AnswerBody? body, CancellationToken cancellationToken)
    {
        if (body?.Text is not { Length: > 0 } text || text.Length > 4000)
        {
            return BadRequest("Send {\"text\": \"…\"} with the answer (1 to 4000 characters).");
        }
        var answered = await complaints.AppendEventAsync(code,
            new ComplaintEvent(time.GetUtcNow(), user.StaffUser(), ComplaintEventTypes.Answered, ComplaintStatuses.Answered, text), cancellationToken);
        if (answered is null)
        {
            return TypedResults.NotFound();
        }

        // STD-C3: the answer goes to the customer on the channel of the complaint, through that channel's adapter.
        var delivered = false;
        if (answered.Filing.Reference is { } reference)
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message,
                ChannelId = reference.ChannelId,
                Conversation = new ConversationAccount(reference.ConversationId),
                From = reference.Bot,
                Recipient = reference.User,
                ServiceUrl = reference.ServiceUrl,
                Locale = answered.Filing.Language,
                Text = messages.Get("status.delivered", answered.Filing.Language, ("code", answered.Code), ("answer", text)),
            };
            try
            {
                await messenger.SendAsync(reference, [activity], cancellationToken);
                delivered = true;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                // The answer is stored either way; the customer can read it with a status query.
                DeliveryFailed(logging.CreateLogger(nameof(ComplaintsEndpoints)), ex, answered.Code, reference.ChannelId);
            }
        }
        await complaints.AppendEventAsync(code, new ComplaintEvent(time.GetUtcNow(), "system",
            delivered ? "answer_delivered" : "answer_not_delivered", null, null), cancellationToken);
        return TypedResults.Ok(new AnswerResult(ComplaintView.From(answered), delivered));
    }

    private static async Task<IResult> ReceiptAsync(IComplaintStore complaints, ILinkSigner links, IMessageCatalog messages, TimeProvider time,
        IOptions<ComplaintsOptions> options, Microsoft.Extensions.Options.IOptions<Core.Configuration.OrganisationOptions> organisation,
        string code, long? exp, string? sig, CancellationToken cancellationToken)
    {
        if (exp is null || sig is null || !links.Verify(ComplaintSkill.ReceiptPath(code), exp.Value, sig, time.GetUtcNow()))
        {
            return TypedResults.Problem("The link is invalid or has expired. Ask the assistant for your complaint's status to get a new one.",
                statusCode: StatusCodes.Status403Forbidden, title: "Link not valid");
        }
        if (await complaints.FindAsync(code, cancellationToken) is not { } complaint)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Content(ReceiptHtml(complaint, messages, options.Value, organisation.Value), "text/html; charset=utf-8");
    }

    private static async Task<IResult> ExportAsync(IDataRightsStore requests, IComplaintStore complaints, IConsentStore consents,
        ITranscriptStore transcripts, ILinkSigner links, TimeProvider time, string code, long? exp, string? sig, CancellationToken cancellationToken)
    {
        if (exp is null || sig is null || !links.Verify(DataRightsSkill.ExportPath(code), exp.Value, sig, time.GetUtcNow()))
        {
            return TypedResults.Problem("The link is invalid or has expired.", statusCode: StatusCodes.Status403Forbidden, title: "Link not valid");
        }
        if (await requests.FindAsync(code, cancellationToken) is not { Right: DataRight.Access } request)
        {
            return TypedResults.NotFound();
        }
        var filed = new List<ComplaintView>();
        foreach (var complaintCode in request.ComplaintCodes)
        {
            if (await complaints.FindAsync(complaintCode, cancellationToken) is { } complaint)
            {
                filed.Add(ComplaintView.From(complaint));
            }
        }
        var conversations = new List<ExportedConversation>();
        foreach (var conversationId in request.SubjectConversations)
        {
            var entries = await transcripts.ReadAsync(conversationId, cancellationToken);
            conversations.Add(new ExportedConversation(conversationId,
                [.. entries.Where(e => e.Activity.IsMessage).Select(e => new ExportedMessage(e.RecordedAt, e.Direction.ToString().ToLowerInvariant(), e.Activity.Text))]));
        }
        await requests.AppendEventAsync(code, new DataRightsEvent(time.GetUtcNow(), "customer", "exported"), cancellationToken);
        return TypedResults.Json(new DataExport(request.Code, time.GetUtcNow(), filed,
            await consents.ForConversationsAsync(request.SubjectConversations, cancellationToken), conversations));
    }

    private static string ReceiptHtml(Complaint complaint, IMessageCatalog messages, ComplaintsOptions options, Core.Configuration.OrganisationOptions organisation)
    {
        var language = complaint.Filing.Language;
        var days = options.Profile.ResponseBusinessDays.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{E(complaint.Code)}</title>");
        html.Append("<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto}th{text-align:left;padding-right:1rem;vertical-align:top}@media print{a{display:none}}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{(language == "en" ? "Complaint sheet" : "Hoja de Reclamación")} {E(complaint.Code)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(organisation.Name)} · {E(complaint.Filing.FiledAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} · ");
        html.Append(CultureInfo.InvariantCulture, $"{E(language == "en" ? "Answer due by" : "Fecha límite de respuesta")}: {E(ComplaintSkill.FormatDate(complaint.Filing.DueDate, language))}</p><table>");
        foreach (var (field, value) in complaint.Filing.Values.OrderBy(v => v.Key))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(messages.Get($"complaint.label.{ComplaintSkill.Key(field)}", language))}</th><td>{E(value.Length == 0 ? "—" : value)}</td></tr>");
        }
        html.Append(CultureInfo.InvariantCulture, $"</table><p>{E(messages.Get($"complaint.legend.{complaint.Filing.Country}", language, ("days", days)))}</p>");
        html.Append("<p><a href=\"javascript:window.print()\">🖨</a></p></body></html>");
        return html.ToString();
    }

    // Encodes markup characters but keeps accented letters readable in the page source.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string E(string text) => Html.Encode(text);

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "The answer to complaint {Code} could not be delivered on channel {ChannelId}; it stays readable by status query")]
    private static partial void DeliveryFailed(ILogger logger, Exception exception, string code, string channelId);
}

/// <summary>Body of a status change.</summary>
/// <param name="Status">The new status.</param>
/// <param name="Note">An internal note.</param>
public sealed record StatusChange(string? Status, string? Note);

/// <summary>Body of an answer.</summary>
/// <param name="Text">The answer for the customer.</param>
public sealed record AnswerBody(string? Text);

/// <summary>The stored answer and whether it reached the customer's channel.</summary>
/// <param name="Complaint">The complaint.</param>
/// <param name="Delivered">Whether the channel accepted it.</param>
public sealed record AnswerResult(ComplaintView Complaint, bool Delivered);

/// <summary>A complaint as the staff API shows it.</summary>
/// <param name="Code">Code.</param>
/// <param name="Kind">reclamo or queja.</param>
/// <param name="Status">Current status.</param>
/// <param name="FiledAt">Filing time (UTC).</param>
/// <param name="DueDate">Legal due date.</param>
/// <param name="Country">Country profile.</param>
/// <param name="Language">Conversation language.</param>
/// <param name="ChannelId">Channel of the complaint.</param>
/// <param name="ConsentId">Consent record, null for an anonymous complaint.</param>
/// <param name="Fields">The form, by field name.</param>
/// <param name="Events">History.</param>
public sealed record ComplaintView(string Code, string Kind, string Status, DateTimeOffset FiledAt, DateOnly DueDate, string Country,
    string Language, string? ChannelId, string? ConsentId, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<ComplaintEvent> Events)
{
    /// <summary>Maps a complaint.</summary>
    public static ComplaintView From(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return new(complaint.Code, complaint.Get(ComplaintField.Kind) ?? "", complaint.Status, complaint.Filing.FiledAt, complaint.Filing.DueDate,
            complaint.Filing.Country, complaint.Filing.Language, complaint.Filing.Reference?.ChannelId, complaint.Filing.ConsentId,
            complaint.Filing.Values.ToDictionary(v => ComplaintSkill.Key(v.Key), v => v.Value), complaint.Events);
    }
}

/// <summary>The JSON export of an access request.</summary>
/// <param name="Request">The request code.</param>
/// <param name="ExportedAt">When.</param>
/// <param name="Complaints">The customer's complaints.</param>
/// <param name="Consents">Their consent records.</param>
/// <param name="Conversations">Their conversations' messages.</param>
public sealed record DataExport(string Request, DateTimeOffset ExportedAt, IReadOnlyList<ComplaintView> Complaints,
    IReadOnlyList<ConsentRecord> Consents, IReadOnlyList<ExportedConversation> Conversations);

/// <summary>One conversation in an export.</summary>
/// <param name="ConversationId">Id.</param>
/// <param name="Messages">Messages in order.</param>
public sealed record ExportedConversation(string ConversationId, IReadOnlyList<ExportedMessage> Messages);

/// <summary>One message in an export.</summary>
/// <param name="At">When.</param>
/// <param name="Direction">inbound or outbound.</param>
/// <param name="Text">Text.</param>
public sealed record ExportedMessage(DateTimeOffset At, string Direction, string? Text);
