using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatCare.Channels.Http;
using ChatCare.Channels.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.WhatsApp;

/// <summary>
/// <c>GET /api/whatsapp</c>: Meta's verification handshake (echo <c>hub.challenge</c> as plain text, 403 otherwise; no
/// signature on the GET). <c>POST /api/whatsapp</c>: notifications, verified with <c>X-Hub-Signature-256</c> over the raw
/// bytes (401 missing, 403 wrong; nothing is stored), then every message and status of every entry and change is stored in
/// the inbox under its wamid before the 200, so Meta's redeliveries are processed once.
/// </summary>
public static partial class WhatsAppEndpoints
{
    /// <summary>The webhook path.</summary>
    public const string Path = "/api/whatsapp";

    /// <summary>Maps both routes.</summary>
    public static IEndpointRouteBuilder MapWhatsApp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Verify).WithName("WhatsAppVerify");
        endpoints.MapPost(Path, ReceiveAsync).WithName("WhatsAppWebhook").DisableAntiforgery();
        return endpoints;
    }

    private static IResult Verify(HttpRequest request, IOptions<WhatsAppOptions> options)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return NotEnabled();
        }
        var query = request.Query;
        var token = query["hub.verify_token"].ToString();
        if (query["hub.mode"] != "subscribe" || token.Length == 0
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(settings.VerifyToken!)))
        {
            return Problem(StatusCodes.Status403Forbidden, "Verification refused", "hub.mode must be 'subscribe' and hub.verify_token must match.");
        }
        return TypedResults.Text(query["hub.challenge"].ToString(), "text/plain");
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<WhatsAppOptions> options, IChannelInbox inbox,
        InboxWakeUp wakeUp, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return NotEnabled();
        }
        var signature = http.Request.Headers[WhatsAppSignature.Header].ToString();
        if (signature.Length == 0)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Missing signature", $"The {WhatsAppSignature.Header} header is required.");
        }
        if (!RequestBodyLimit.TryApply(http, settings.MaxPayloadBytes))
        {
            return TooLarge(settings.MaxPayloadBytes);
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(settings.MaxPayloadBytes);
        }
        if (!WhatsAppSignature.IsValid(body, signature, settings.AppSecret!))
        {
            return Problem(StatusCodes.Status403Forbidden, "Wrong signature", $"{WhatsAppSignature.Header} does not match the body.");
        }

        WebhookNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize(body, WhatsAppJson.Default.WebhookNotification);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed notification", $"The body is not a WhatsApp notification: {ex.Message}");
        }

        var logger = loggers.CreateLogger(typeof(WhatsAppEndpoints).FullName!);
        var stored = 0;
        foreach (var value in (notification?.Entry ?? []).SelectMany(e => e.Changes ?? []).Where(c => c.Field == "messages").Select(c => c.Value))
        {
            if (value is null)
            {
                continue;
            }
            if (value.Metadata?.PhoneNumberId != settings.PhoneNumberId)
            {
                // Another number of the same business account: not ours to answer.
                LogOtherNumber(logger, value.Metadata?.PhoneNumberId);
                continue;
            }
            foreach (var message in value.Messages ?? [])
            {
                var name = value.Contacts?.FirstOrDefault(c => c.WaId == message.From)?.Profile?.Name;
                stored += await StoreAsync(inbox, "msg:" + message.Id, WhatsAppMapper.ConversationIdOf(message.From), InboxKinds.CustomerMessage,
                    new WhatsAppInboxPayload(name, message, null), message.Timestamp, cancellationToken);
            }
            foreach (var status in value.Statuses ?? [])
            {
                stored += await StoreAsync(inbox, "status:" + status.Id + ":" + status.Status, WhatsAppMapper.ConversationIdOf(status.RecipientId ?? ""),
                    InboxKinds.Status, new WhatsAppInboxPayload(null, null, status), status.Timestamp, cancellationToken);
            }
            foreach (var error in value.Errors ?? [])
            {
                LogNotificationError(logger, error.Code, error.Message ?? error.Title ?? "");
            }
        }
        if (stored > 0)
        {
            wakeUp.Signal.Signal();
        }
        // 200 for everything verified, even what ChatCare ignores: any other answer makes Meta retry for days.
        return TypedResults.Ok();
    }

    private static async Task<int> StoreAsync(IChannelInbox inbox, string key, string conversationId, string kind, WhatsAppInboxPayload payload,
        string? timestamp, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(payload, WhatsAppJson.Default.WhatsAppInboxPayload);
        var added = await inbox.TryAddAsync(new NewInboxItem(WhatsAppMapper.ChannelId, key, conversationId, kind, json,
            WhatsAppMapper.TimeOf(timestamp) ?? DateTimeOffset.UtcNow), cancellationToken);
        return added ? 1 : 0;
    }

    private static ProblemHttpResult NotEnabled() => Problem(StatusCodes.Status404NotFound, "WhatsApp not enabled",
        "Set ChatCare:Channels:WhatsApp:VerifyToken, AppSecret, PhoneNumberId and AccessToken to receive WhatsApp notifications here.");

    private static ProblemHttpResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Notification too large", $"The request body is limited to {limit.ToString(CultureInfo.InvariantCulture)} bytes.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "WhatsApp notification for phone number id {PhoneNumberId} ignored (not the configured one)")]
    private static partial void LogOtherNumber(ILogger logger, string? phoneNumberId);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "WhatsApp notification reported error {Code}: {Message}")]
    private static partial void LogNotificationError(ILogger logger, int code, string message);
}
