using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatCare.Staff;

/// <summary>
/// Sign-in attempts per client address and minute (<see cref="StaffOptions.LoginAttemptsPerMinute"/>), so passwords cannot be
/// guessed at speed; over the limit: 429 Problem Details with <c>Retry-After</c>.
/// </summary>
public sealed class LoginRateLimit(IOptions<StaffOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>Name of the policy.</summary>
    public const string PolicyName = "staff-login";

    /// <inheritdoc />
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1))
            .TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        await Results.Problem("Too many sign-in attempts; wait a minute.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts")
            .ExecuteAsync(http);
    };

    /// <inheritdoc />
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.LoginAttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
