using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatCare.Channels.DirectLine.ActivityLog;
using ChatCare.Channels.Http;
using ChatCare.Core.Activities;
using ChatCare.Core.Configuration;
using ChatCare.Core.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.DirectLine;

/// <summary>
/// Direct Line 3.0 under <c>/v3/directline</c>, the surface <c>botframework-directlinejs</c> and Web Chat use: tokens, start and
/// reconnect, polling, posting, uploads and the WebSocket stream. Errors are <c>{"error":{"code","message"}}</c>; 403 is kept for
/// tokens that are expired or belong to another conversation, because DirectLineJS reads 403 as "expired token".
/// </summary>
public static partial class DirectLineEndpoints
{
    /// <summary>Base path of every route.</summary>
    public const string BasePath = "/v3/directline";

    /// <summary>Name of the CORS policy of the routes.</summary>
    public const string CorsPolicyName = "DirectLine";

    private const string ConversationRoute = "/conversations/{conversationId}";

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath).RequireCors(CorsPolicyName).DisableAntiforgery();
        group.MapPost("/tokens/generate", GenerateTokenAsync).WithName("DirectLineGenerateToken");
        group.MapPost("/tokens/refresh", RefreshToken).WithName("DirectLineRefreshToken");
        group.MapPost("/conversations", StartConversationAsync).WithName("DirectLineStartConversation");
        group.MapGet(ConversationRoute, ReconnectAsync).WithName("DirectLineReconnect");
        group.MapGet(ConversationRoute + "/activities", GetActivitiesAsync).WithName("DirectLineGetActivities");
        group.MapPost(ConversationRoute + "/activities", PostActivityAsync).WithName("DirectLinePostActivity");
        group.MapPost(ConversationRoute + "/upload", UploadAsync).WithName("DirectLineUpload");
        group.MapGet(ConversationRoute + "/stream", StreamAsync).WithName("DirectLineStream");
        group.MapGet(ConversationRoute + "/attachments/{fileName}", DownloadAsync).WithName("DirectLineAttachment");
        return group;
    }

    /// <summary>The Direct Line error response.</summary>
    public static IResult Error(int statusCode, string code, string message) =>
        TypedResults.Json(new DirectLineErrorResponse(new DirectLineError(code, message)), DirectLineJsonContext.Default.DirectLineErrorResponse,
            statusCode: statusCode);

    private static async Task<IResult> GenerateTokenAsync(HttpContext http, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        if (Bearer(http) is not { } credential)
        {
            return MissingAuthorization();
        }
        if (!tokens.IsSecret(credential))
        {
            LogRejected(Logger(http), "secret", http.Request.Path);
            return Error(StatusCodes.Status403Forbidden, "BadSecret", "Only the site secret can generate tokens.");
        }
        var parameters = await ReadParametersAsync(http, cancellationToken);
        if (parameters is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid token parameters.");
        }
        var conversationId = DirectLineConversations.NewConversationId();
        var userId = UserIdOrNew(parameters.User?.Id);
        return TypedResults.Json(new DirectLineConversation(conversationId, tokens.Issue(conversationId, userId), tokens.LifetimeSeconds),
            DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static IResult RefreshToken(HttpContext http, DirectLineTokens tokens)
    {
        var caller = Authorize(http, tokens, conversationId: null, out var error);
        if (caller is null)
        {
            return error!;
        }
        if (caller.Claims is not { } claims)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "A secret does not expire; only tokens are refreshed.");
        }
        return TypedResults.Json(new DirectLineConversation(claims.ConversationId, tokens.Issue(claims.ConversationId, claims.UserId), tokens.LifetimeSeconds),
            DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> StartConversationAsync(HttpContext http, DirectLineTokens tokens, DirectLineConversations conversations,
        CancellationToken cancellationToken)
    {
        var caller = Authorize(http, tokens, conversationId: null, out var error);
        if (caller is null)
        {
            return error!;
        }
        var parameters = await ReadParametersAsync(http, cancellationToken);
        if (parameters is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid conversation parameters.");
        }

        // A token names its conversation and customer; the secret starts a fresh one.
        var conversationId = caller.Claims?.ConversationId ?? DirectLineConversations.NewConversationId();
        var userId = caller.Claims?.UserId ?? UserIdOrNew(parameters.User?.Id);
        bool created;
        try
        {
            created = await conversations.StartAsync(conversationId, userId, parameters.Locale, cancellationToken);
        }
        catch (ConversationConflictException)
        {
            return BotUnavailable();
        }

        var token = tokens.Issue(conversationId, userId);
        var body = new DirectLineConversation(conversationId, token, tokens.LifetimeSeconds, StreamUrl(http.Request, conversationId, token, watermark: null));
        return created
            ? TypedResults.Json(body, DirectLineJsonContext.Default.DirectLineConversation, statusCode: StatusCodes.Status201Created)
            : TypedResults.Json(body, DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> ReconnectAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens,
        DirectLineConversations conversations, CancellationToken cancellationToken)
    {
        var caller = Authorize(http, tokens, conversationId, out var error);
        if (caller is null)
        {
            return error!;
        }
        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return NotFound();
        }
        // Without a watermark only what arrives from now on is streamed, as the Direct Line service does.
        var from = string.IsNullOrEmpty(watermark) ? conversation.LastSequence : ParseWatermark(watermark);
        var token = tokens.Issue(conversationId, caller.Claims?.UserId ?? conversation.UserId);
        return TypedResults.Json(new DirectLineConversation(conversationId, token, tokens.LifetimeSeconds, StreamUrl(http.Request, conversationId, token, from)),
            DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> GetActivitiesAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens,
        IDirectLineActivityLog log, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var caller = Authorize(http, tokens, conversationId, out var error);
        if (caller is null)
        {
            return error!;
        }
        if (await log.GetConversationAsync(conversationId, cancellationToken) is null)
        {
            return NotFound();
        }
        var after = ParseWatermark(watermark);
        var activities = await log.ReadAsync(conversationId, after, options.Value.MaxActivitiesPerGet, cancellationToken);
        var last = activities.Count > 0 ? activities[^1].Sequence : after;
        // Always a string: DirectLineJS ignores a falsy watermark, and "0" is truthy.
        return TypedResults.Json(new ActivitySet([.. activities.Select(a => a.Activity)], last.ToString(CultureInfo.InvariantCulture)),
            DirectLineJsonContext.Default.ActivitySet);
    }

    private static async Task<IResult> PostActivityAsync(HttpContext http, string conversationId, DirectLineTokens tokens,
        DirectLineConversations conversations, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var caller = Authorize(http, tokens, conversationId, out var error);
        if (caller is null)
        {
            return error!;
        }
        var limit = options.Value.MaxActivityBytes;
        if (!RequestBodyLimit.TryApply(http, limit))
        {
            return TooLarge(limit);
        }
        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return NotFound();
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync(http.Request.Body, ActivityJson.Context.Activity, cancellationToken);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not a valid activity.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "An activity with a type is required.");
        }
        return await PostAsync(conversations, conversationId, activity, Sender(caller, conversation, activity.From?.Id, activity.From?.Name), cancellationToken);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, string conversationId, string? userId, DirectLineTokens tokens,
        DirectLineConversations conversations, IOptions<DirectLineOptions> options, IOptions<ChatCareOptions> chatCare, CancellationToken cancellationToken)
    {
        var caller = Authorize(http, tokens, conversationId, out var error);
        if (caller is null)
        {
            return error!;
        }
        var limit = options.Value.MaxUploadBytes;
        if (!RequestBodyLimit.TryApply(http, limit))
        {
            return TooLarge(limit);
        }
        if (!http.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "An upload is multipart/form-data.");
        }
        if (await conversations.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return NotFound();
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            // The form reader reports a part over MultipartBodyLengthLimit this way.
            return TooLarge(limit);
        }

        var activity = await ReadUploadActivityAsync(form, cancellationToken);
        if (activity is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The 'activity' part is missing or not a valid activity.");
        }
        var files = form.Files.Where(f => f.Name != "activity").ToList();
        var totalBytes = files.Sum(f => f.Length);
        if (totalBytes > limit)
        {
            return TooLarge(limit);
        }

        var directory = UploadDirectory(chatCare.Value, conversationId);
        Directory.CreateDirectory(directory);
        var attachments = new List<Attachment>(activity.Attachments?.Where(a => a.ContentUrl is null && a.Content is not null) ?? []);
        foreach (var file in files)
        {
            var storedName = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) + SafeExtension(file.FileName);
            await using (var target = File.Create(Path.Combine(directory, storedName)))
            {
                await file.CopyToAsync(target, cancellationToken);
            }
            attachments.Add(new Attachment
            {
                ContentType = string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType,
                ContentUrl = $"{BaseUrl(http.Request, http.Request.Scheme)}/conversations/{Uri.EscapeDataString(conversationId)}/attachments/{storedName}",
                Name = string.IsNullOrEmpty(file.FileName) ? null : Path.GetFileName(file.FileName),
            });
        }
        var logger = Logger(http);
        LogUploaded(logger, conversationId, files.Count, totalBytes);

        var withFiles = activity with { Attachments = attachments.Count > 0 ? attachments : null };
        return await PostAsync(conversations, conversationId, withFiles, Sender(caller, conversation, userId ?? activity.From?.Id, activity.From?.Name), cancellationToken);
    }

    private static async Task<IResult> StreamAsync(HttpContext http, string conversationId, string? t, string? watermark, DirectLineTokens tokens,
        IDirectLineActivityLog log, StreamHub hub, CancellationToken cancellationToken)
    {
        // The stream URL is pre-authorised through ?t=; browsers cannot set headers on a WebSocket.
        var caller = t is { Length: > 0 } ? AuthorizeCredential(http, tokens, t, conversationId, out var error) : Authorize(http, tokens, conversationId, out error);
        if (caller is null)
        {
            return error!;
        }
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "This endpoint takes a WebSocket upgrade.");
        }
        if (await log.GetConversationAsync(conversationId, cancellationToken) is null)
        {
            return NotFound();
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await hub.RunAsync(socket, conversationId, ParseWatermark(watermark), cancellationToken);
        return Results.Empty;
    }

    private static IResult DownloadAsync(string conversationId, string fileName, IOptions<ChatCareOptions> chatCare)
    {
        // No Authorization: Web Chat shows images with <img src>. The 128-bit random name is the credential.
        if (!SafeId().IsMatch(conversationId) || !StoredFileName().IsMatch(fileName))
        {
            return NotFound();
        }
        var path = Path.Combine(UploadDirectory(chatCare.Value, conversationId), fileName);
        if (!File.Exists(path))
        {
            return NotFound();
        }
        var contentType = new FileExtensionContentTypeProvider().TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
        // Only images are shown inline; anything else (HTML, SVG with script) is a download, never a page on this origin.
        var inline = contentType.StartsWith("image/", StringComparison.Ordinal) && contentType != "image/svg+xml";
        return inline
            ? TypedResults.PhysicalFile(path, contentType)
            : TypedResults.PhysicalFile(path, "application/octet-stream", fileDownloadName: fileName);
    }

    private static async Task<IResult> PostAsync(DirectLineConversations conversations, string conversationId, Activity activity, ChannelAccount from,
        CancellationToken cancellationToken)
    {
        try
        {
            var id = await conversations.PostAsync(conversationId, activity, from, cancellationToken);
            return TypedResults.Json(new ResourceResponse(id), DirectLineJsonContext.Default.ResourceResponse);
        }
        catch (ConversationConflictException)
        {
            return BotUnavailable();
        }
    }

    private static async Task<Activity?> ReadUploadActivityAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        try
        {
            // DirectLineJS sends the activity as a Blob part (a file named "blob"); other clients may send a plain field.
            if (form.Files.GetFile("activity") is { } part)
            {
                await using var stream = part.OpenReadStream();
                return await JsonSerializer.DeserializeAsync(stream, ActivityJson.Context.Activity, cancellationToken);
            }
            return form.TryGetValue("activity", out var field) && field.ToString() is { Length: > 0 } json
                ? JsonSerializer.Deserialize(json, ActivityJson.Context.Activity)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<TokenParameters?> ReadParametersAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is 0 || (http.Request.ContentLength is null && http.Request.Headers.TransferEncoding.Count == 0))
        {
            return new TokenParameters();
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = 16 * 1024;
        }
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text)
                ? new TokenParameters()
                : JsonSerializer.Deserialize(text, DirectLineJsonContext.Default.TokenParameters) ?? new TokenParameters();
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Who sent a customer activity: the token's customer; with the secret, the client's claim or the conversation's customer.</summary>
    private static ChannelAccount Sender(DirectLineCaller caller, DirectLineConversationRecord conversation, string? claimedId, string? name)
    {
        var id = caller.Claims?.UserId ?? (IsUsableUserId(claimedId) ? claimedId! : conversation.UserId);
        return new ChannelAccount(id, string.IsNullOrWhiteSpace(name) ? null : name, "user");
    }

    private static DirectLineCaller? Authorize(HttpContext http, DirectLineTokens tokens, string? conversationId, out IResult? error)
    {
        if (Bearer(http) is not { } credential)
        {
            error = MissingAuthorization();
            return null;
        }
        return AuthorizeCredential(http, tokens, credential, conversationId, out error);
    }

    private static DirectLineCaller? AuthorizeCredential(HttpContext http, DirectLineTokens tokens, string credential, string? conversationId, out IResult? error)
    {
        error = null;
        if (tokens.IsSecret(credential))
        {
            return new DirectLineCaller(null);
        }
        var validation = tokens.Validate(credential);
        switch (validation.Status)
        {
            case TokenStatus.Valid when conversationId is null || validation.Claims!.ConversationId == conversationId:
                return new DirectLineCaller(validation.Claims);
            case TokenStatus.Valid:
                LogRejected(Logger(http), "token of another conversation", http.Request.Path);
                error = Error(StatusCodes.Status403Forbidden, "TokenConversationMismatch", "The token is not valid for this conversation.");
                return null;
            case TokenStatus.Expired:
                error = Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired.");
                return null;
            case TokenStatus.Invalid:
                LogRejected(Logger(http), "bad token signature", http.Request.Path);
                error = Error(StatusCodes.Status403Forbidden, "TokenInvalid", "The token is not valid.");
                return null;
            default:
                error = Error(StatusCodes.Status401Unauthorized, "BadArgument", "The Authorization value is neither a secret nor a token.");
                return null;
        }
    }

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && header.Length > Prefix.Length ? header[Prefix.Length..].Trim() : null;
    }

    /// <summary>Empty, missing, <c>null</c> or unreadable: from the start (what DirectLineJS sends first is an empty watermark).</summary>
    private static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string StreamUrl(HttpRequest request, string conversationId, string token, long? watermark)
    {
        var url = $"{BaseUrl(request, request.IsHttps ? "wss" : "ws")}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is { } value ? url + "&watermark=" + value.ToString(CultureInfo.InvariantCulture) : url;
    }

    private static string BaseUrl(HttpRequest request, string scheme) => $"{scheme}://{request.Host}{request.PathBase}{BasePath}";

    private static string UploadDirectory(ChatCareOptions options, string conversationId) =>
        Path.Combine(Path.GetFullPath(options.DataDirectory), "uploads", conversationId);

    private static string SafeExtension(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "");
        return SafeExtensionPattern().IsMatch(extension) ? extension.ToLowerInvariant() : "";
    }

    private static bool IsUsableUserId(string? id) => id is { Length: > 0 and <= 128 } && !string.IsNullOrWhiteSpace(id);

    private static string UserIdOrNew(string? id) => IsUsableUserId(id) ? id! : DirectLineConversations.NewUserId();

    private static IResult MissingAuthorization() =>
        Error(StatusCodes.Status401Unauthorized, "MissingAuthorization", "Authorization: Bearer <secret or token> is required.");

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "NotFound", "Conversation or resource not found.");

    private static IResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The request body is limited to {limit} bytes.");

    private static IResult BotUnavailable() =>
        Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not process the activity; try again.");

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineEndpoints).FullName!);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeId();

    [GeneratedRegex(@"^[0-9a-f]{32}(\.[a-z0-9]{1,10})?$")]
    private static partial Regex StoredFileName();

    [GeneratedRegex(@"^\.[A-Za-z0-9]{1,10}$")]
    private static partial Regex SafeExtensionPattern();

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Direct Line request to {Path} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason, string path);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId}: {Count} file(s), {Bytes} bytes uploaded")]
    private static partial void LogUploaded(ILogger logger, string conversationId, int count, long bytes);

    /// <summary>The authorised caller: the site secret (no claims) or a conversation token.</summary>
    private sealed record DirectLineCaller(TokenClaims? Claims);
}
