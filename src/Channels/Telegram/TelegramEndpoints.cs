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
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// <c>POST /api/telegram</c>: Telegram's webhook. The secret header is checked in constant time (401 missing, 403 wrong);
/// the update is stored in the inbox before the 200, so Telegram's redelivery of a slow or failed request is
/// recognised by its <c>update_id</c> and processed once, and nothing acknowledged is lost.
/// </summary>
public static class TelegramEndpoints
{
    /// <summary>The webhook path.</summary>
    public const string Path = "/api/telegram";

    /// <summary>The header carrying the webhook secret.</summary>
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Maps the webhook.</summary>
    public static RouteHandlerBuilder MapTelegram(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, ReceiveAsync).WithName("TelegramWebhook").DisableAntiforgery();

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<TelegramOptions> options, IChannelInbox inbox,
        InboxWakeUp wakeUp, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.Mode != TelegramMode.Webhook)
        {
            return Problem(StatusCodes.Status404NotFound, "Telegram webhook not enabled",
                "Set ChatCare:Channels:Telegram:BotToken and Mode=Webhook to receive Telegram updates here.");
        }
        var given = http.Request.Headers[SecretHeader].ToString();
        if (given.Length == 0)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Missing secret", $"The {SecretHeader} header is required.");
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(settings.WebhookSecret!)))
        {
            return Problem(StatusCodes.Status403Forbidden, "Wrong secret", $"The {SecretHeader} header does not match.");
        }
        if (!RequestBodyLimit.TryApply(http, settings.MaxUpdateBytes))
        {
            return TooLarge(settings.MaxUpdateBytes);
        }

        byte[] body;
        Update? update;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed update", $"The body is not a Telegram update: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(settings.MaxUpdateBytes);
        }
        if (update is null || update.Id <= 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed update", "update_id is required.");
        }

        await TelegramUpdates.StoreAsync(inbox, update, Encoding.UTF8.GetString(body), cancellationToken);
        wakeUp.Signal.Signal();
        return TypedResults.Ok();
    }

    private static ProblemHttpResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Update too large", $"The request body is limited to {limit.ToString(CultureInfo.InvariantCulture)} bytes.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
