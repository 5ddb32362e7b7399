using System.Net;
using System.Text.Json;
using ChatCare.Channels.Http;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.BotFramework;

/// <summary>
/// <c>POST /api/messages</c>: Bot Framework activities in. With <c>deliveryMode: expectReplies</c> the replies come back
/// in the body as <c>{"activities":[…]}</c>; otherwise they are posted to the activity's <c>serviceUrl</c>.
/// Bad input gets a Problem Details 4xx, never a 500.
/// </summary>
public static class BotFrameworkEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapBotFrameworkMessages(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/messages", PostActivityAsync).WithName("PostActivity").DisableAntiforgery();

    private static async Task<IResult> PostActivityAsync(HttpContext http, TurnProcessor turns, ReplyDispatcher dispatcher,
        ChannelTokenValidator channelTokens, IOptions<BotFrameworkOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.RequiresAuthentication && !IsLoopback(http.Connection.RemoteIpAddress))
        {
            // With no app id there is nothing to authenticate the caller with: loopback only (a local Direct Line bridge, tests).
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", "Without ChatCare:Channels:BotFramework:AppId, /api/messages accepts loopback callers only.");
        }
        if (!RequestBodyLimit.TryApply(http, settings.MaxActivityBytes))
        {
            return TooLarge(settings.MaxActivityBytes);
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync(http.Request.Body, ActivityJson.Context.Activity, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", $"The body is not a valid activity: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(settings.MaxActivityBytes);
        }

        if (activity is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "The body is empty or null.");
        }
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "conversation.id is required.");
        }
        if (activity.Text?.Length > settings.MaxTextLength)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Message too long", $"text is limited to {settings.MaxTextLength} characters.");
        }

        var serviceUrlVouched = false;
        if (settings.RequiresAuthentication)
        {
            // Checked after parsing because the token must vouch for the activity's serviceUrl.
            var auth = await channelTokens.ValidateAsync(http.Request.Headers.Authorization, activity.ServiceUrl, cancellationToken);
            if (!auth.IsValid)
            {
                return Problem(auth.StatusCode, auth.StatusCode == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden", auth.Detail!);
            }
            serviceUrlVouched = auth.Identity!.HasClaim(c => c.Type.Equals("serviceurl", StringComparison.OrdinalIgnoreCase));
        }

        var expectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
        if (!expectReplies && !serviceUrlVouched && activity.ServiceUrl is { } serviceUrl && !settings.AllowsServiceUrl(serviceUrl))
        {
            return Problem(StatusCodes.Status400BadRequest, "serviceUrl not allowed",
                "Replies may be posted only to loopback or to ChatCare:Channels:BotFramework:AllowedServiceUrls.");
        }

        var result = await turns.ProcessAsync(Normalise(activity), cancellationToken);
        if (expectReplies)
        {
            return TypedResults.Json(new ExpectedReplies(result.Replies), ActivityJson.Context.ExpectedReplies);
        }
        if (result.Replies.Count > 0 && activity.ServiceUrl is not null)
        {
            await dispatcher.EnqueueAsync(ConversationReference.FromInbound(activity), result.Replies, cancellationToken);
        }
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>A channel must name itself; activities without a channel id get the generic one.</summary>
    private static Activity Normalise(Activity activity) =>
        string.IsNullOrEmpty(activity.ChannelId) ? activity with { ChannelId = ConnectorClient.DefaultChannelId } : activity;

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static ProblemHttpResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The request body is limited to {limit} bytes.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
