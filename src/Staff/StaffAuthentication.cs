using System.Security.Claims;
using ChatCare.Core.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Staff;

/// <summary>
/// Staff sign-in as an ASP.NET Core authentication scheme: ASP.NET Core's own bearer-token handler (tokens protected with
/// Data Protection, keys kept in <c>{DataDirectory}/keys</c> so tokens survive a restart) and named policies.
/// </summary>
public static class StaffAuthentication
{
    /// <summary>The authentication scheme of staff bearer tokens.</summary>
    public const string Scheme = "StaffBearer";

    /// <summary>Requests under this path (SignalR hubs) may carry the token as <c>?access_token=</c>, since browsers cannot set headers on WebSockets.</summary>
    public const string HubsPath = "/hubs";

    /// <summary>Registers accounts' hashing, tokens, the scheme and the policies <see cref="StaffPolicies.Staff"/> and <see cref="StaffPolicies.Supervisor"/>.</summary>
    public static IServiceCollection AddChatCareStaff(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffPasswords>();
        services.AddSingleton<StaffTokens>();
        services.AddSingleton<StaffDirectory>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, LoginRateLimit>(LoginRateLimit.PolicyName));

        services.AddDataProtection().SetApplicationName("ChatCare");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ChatCareOptions>, ILoggerFactory>((keys, chatCare, logging) =>
            keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(Path.GetFullPath(chatCare.Value.DataDirectory), "keys")), logging));

        services.AddAuthentication(Scheme).AddBearerToken(Scheme, options =>
        {
            options.Events.OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments(HubsPath) && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }
                return Task.CompletedTask;
            };
        });
        services.AddOptions<BearerTokenOptions>(Scheme).Configure<IOptions<StaffOptions>>((bearer, staff) =>
            bearer.BearerTokenExpiration = TimeSpan.FromMinutes(staff.Value.TokenLifetimeMinutes));

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, policy => policy
                .AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(StaffRoles.Agent, StaffRoles.Supervisor))
            .AddPolicy(StaffPolicies.Supervisor, policy => policy
                .AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(StaffRoles.Supervisor));
        return services;
    }
}

/// <summary>Names of the authorization policies for staff endpoints: <c>.RequireAuthorization(StaffPolicies.Staff)</c>.</summary>
public static class StaffPolicies
{
    /// <summary>Any signed-in agent or supervisor.</summary>
    public const string Staff = "staff";

    /// <summary>Supervisors only.</summary>
    public const string Supervisor = "supervisor";
}

/// <summary>Issues the bearer tokens that <see cref="StaffAuthentication.Scheme"/> validates.</summary>
public sealed class StaffTokens(IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
{
    /// <summary>A token for <paramref name="account"/> and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var options = bearer.Get(StaffAuthentication.Scheme);
        var now = time.GetUtcNow();
        var expires = now + options.BearerTokenExpiration;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.User),
                new Claim(ClaimTypes.Name, account.DisplayName),
                new Claim(ClaimTypes.Role, account.Role),
            ],
            StaffAuthentication.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expires }, StaffAuthentication.Scheme);
        return (options.BearerTokenProtector.Protect(ticket), expires);
    }
}

/// <summary>Reads the signed-in staff member from a validated principal.</summary>
public static class StaffPrincipal
{
    /// <summary>The sign-in name.</summary>
    public static string StaffUser(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not a staff principal.");
    }

    /// <summary>The display name.</summary>
    public static string StaffDisplayName(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(ClaimTypes.Name) ?? principal.StaffUser();
    }

    /// <summary>Whether the principal is a supervisor.</summary>
    public static bool IsSupervisor(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.IsInRole(StaffRoles.Supervisor);
    }
}
