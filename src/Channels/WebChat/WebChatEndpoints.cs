using System.Globalization;
using System.Threading.RateLimiting;
using ChatCare.Channels.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatCare.Channels.WebChat;

/// <summary>
/// The customer-facing web chat: <c>GET /chat</c> (full page, Web Chat over ChatCare's Direct Line), <c>GET /widget.js</c> (the
/// script a company pastes into its site: a bubble that opens <c>/chat</c> in a frame) and <c>POST /chat/token</c> (a Direct Line
/// token for a new conversation, so the page never needs the site secret).
/// </summary>
public static class WebChatEndpoints
{
    /// <summary>The page.</summary>
    public const string PagePath = "/chat";

    /// <summary>The token endpoint the page (and in-page integrations on configured origins) call.</summary>
    public const string TokenPath = "/chat/token";

    /// <summary>The embeddable widget script.</summary>
    public const string WidgetPath = "/widget.js";

    /// <summary>Name of the rate-limit policy of <see cref="TokenPath"/>.</summary>
    public const string TokenRateLimitPolicy = "WebChatToken";

    private const string ScriptType = "text/javascript; charset=utf-8";

    /// <summary>Maps the page, its assets, the widget and the token endpoint.</summary>
    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PagePath, Page).WithName("WebChatPage");
        endpoints.MapGet(PagePath + "/chat.js", () => Asset("chat.js", ScriptType)).WithName("WebChatScript");
        endpoints.MapGet(PagePath + "/chat.css", () => Asset("chat.css", "text/css; charset=utf-8")).WithName("WebChatStyle");
        endpoints.MapGet(WidgetPath, Widget).WithName("WebChatWidget");
        endpoints.MapPost(TokenPath, IssueToken).WithName("WebChatToken")
            .RequireCors(DirectLineEndpoints.CorsPolicyName)
            .RequireRateLimiting(TokenRateLimitPolicy)
            .DisableAntiforgery();
        return endpoints;
    }

    private static ContentHttpResult Page(HttpContext http, string? lang, string? embed, WebChatPage page)
    {
        var language = page.LanguageOf(http.Request, lang);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = page.ContentSecurityPolicy(http.Request);
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers.Vary = HeaderNames.AcceptLanguage;
        return TypedResults.Content(page.RenderPage(http.Request, language, embedded: embed is "1" or "true"), "text/html; charset=utf-8");
    }

    private static ContentHttpResult Widget(HttpContext http, WebChatPage page)
    {
        // Any site may load the script; only the configured origins may frame the chat it opens (frame-ancestors on /chat).
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(page.RenderWidget(), ScriptType);
    }

    private static ContentHttpResult Asset(string name, string contentType) => TypedResults.Content(WebChatPage.Asset(name), contentType);

    private static IResult IssueToken(HttpContext http, WebChatPage page, DirectLineTokens tokens)
    {
        if (!page.IsAllowedCaller(http.Request))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed",
                detail: "This site is not in ChatCare:Channels:DirectLine:AllowedOrigins.");
        }
        var conversationId = DirectLineConversations.NewConversationId();
        var userId = DirectLineConversations.NewUserId();
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new WebChatToken(conversationId, userId, tokens.Issue(conversationId, userId), tokens.LifetimeSeconds),
            WebChatJsonContext.Default.WebChatToken);
    }

    /// <summary>Conversations per minute and client address at <see cref="TokenPath"/>; refusals are Problem Details with Retry-After.</summary>
    internal sealed class TokenRateLimit(IOptions<WebChatOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many conversations",
                detail: "Too many new conversations from this address; retry later.").ExecuteAsync(context.HttpContext);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter("webchat-token:" + httpContext.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.TokensPerMinutePerIp,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }
}
