using System.Globalization;
using System.Threading.RateLimiting;
using ChatCare.Core.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.DirectLine;

/// <summary>Registers the Direct Line channel. The host also needs <c>UseWebSockets</c>, <c>UseCors</c> and <c>UseRateLimiter</c>.</summary>
public static class DirectLineServiceCollectionExtensions
{
    private static readonly string[] AllowedHeaders = ["Authorization", "Content-Type", "Accept", "x-ms-bot-agent"];

    /// <summary>
    /// Adds options, tokens, the stream hub, the channel adapter, the CORS policy and the per-IP and per-conversation rate limits.
    /// The history store (<see cref="ActivityLog.IDirectLineActivityLog"/>) is registered by the host.
    /// </summary>
    public static IServiceCollection AddDirectLineChannel(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<DirectLineChannelAdapter>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<DirectLineChannelAdapter>());
        services.AddSingleton<DirectLineConversations>();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(DirectLineEndpoints.CorsPolicyName, policy =>
            {
                // No origins configured: the policy allows nothing, so only same-origin pages can call.
                policy.WithOrigins([.. directLine.Value.AllowedOrigins]).WithHeaders(AllowedHeaders).WithMethods(HttpMethods.Get, HttpMethods.Post)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));

        services.AddRateLimiter(limiter =>
        {
            // Two independent budgets per request: the client's IP across its conversations, and the conversation itself.
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsDirectLine(http) && http.Connection.RemoteIpAddress is { } ip
                    ? Window("ip:" + ip, Options(http).PermitsPerMinutePerIp)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsDirectLine(http) && http.GetRouteValue("conversationId") is string conversationId
                    ? Window("conversation:" + conversationId, Options(http).PermitsPerMinutePerConversation)
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                // Seconds, as HTTP defines Retry-After (DirectLineJS reads it as milliseconds and simply retries sooner).
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await DirectLineEndpoints.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many requests; retry later.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static bool IsDirectLine(HttpContext http) => http.Request.Path.StartsWithSegments(DirectLineEndpoints.BasePath, StringComparison.OrdinalIgnoreCase);

    private static DirectLineOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;

    private static RateLimitPartition<string> Window(string key, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
