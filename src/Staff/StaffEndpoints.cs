using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChatCare.Staff;

/// <summary>
/// <c>POST /api/agent/login</c>, <c>GET /api/agent/me</c>, and for supervisors <c>GET</c>/<c>POST /api/agent/accounts</c>
/// (accounts can be added while the host runs, when the <c>agents add</c> command cannot open the database).
/// </summary>
public static class StaffEndpoints
{
    /// <summary>Maps the sign-in routes.</summary>
    public static IEndpointRouteBuilder MapStaffLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/agent/login", LoginAsync).DisableAntiforgery().AllowAnonymous().RequireRateLimiting(LoginRateLimit.PolicyName);
        endpoints.MapGet("/api/agent/me", Me).RequireAuthorization(StaffPolicies.Staff);
        endpoints.MapGet("/api/agent/accounts", ListAccountsAsync).RequireAuthorization(StaffPolicies.Supervisor);
        endpoints.MapPost("/api/agent/accounts", SaveAccountAsync).RequireAuthorization(StaffPolicies.Supervisor).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest? request, IStaffAccountStore accounts, StaffPasswords passwords, StaffTokens tokens, CancellationToken cancellationToken)
    {
        if (request is not { User: { Length: > 0 } user, Password: { Length: > 0 } password })
        {
            return TypedResults.Problem("Send {\"user\": \"…\", \"password\": \"…\"}.", statusCode: StatusCodes.Status400BadRequest,
                title: "User and password are required");
        }
        var account = await accounts.FindAsync(user, cancellationToken);
        if (!passwords.Verify(account, password))
        {
            return TypedResults.Problem("The user or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
        var (token, expiresAt) = tokens.Issue(account!);
        return TypedResults.Ok(new LoginResponse(token, expiresAt, account!.User, account.DisplayName, account.Role));
    }

    private static async Task<Ok<StaffAccountView[]>> ListAccountsAsync(IStaffAccountStore accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await accounts.ListAsync(cancellationToken)).Select(StaffAccountView.From).ToArray());

    private static async Task<Results<Created<StaffAccountView>, Ok<StaffAccountView>, ProblemHttpResult>> SaveAccountAsync(
        StaffAccountRequest? request, StaffDirectory directory, CancellationToken cancellationToken)
    {
        var result = await directory.SaveAsync(request ?? new StaffAccountRequest(null, null, null, null), cancellationToken);
        if (result.Account is not { } account)
        {
            return TypedResults.Problem(result.Error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid account");
        }
        var view = StaffAccountView.From(account);
        return result.Created ? TypedResults.Created($"/api/agent/accounts/{Uri.EscapeDataString(account.User)}", view) : TypedResults.Ok(view);
    }

    private static Ok<StaffMe> Me(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.Ok(new StaffMe(principal.StaffUser(), principal.StaffDisplayName(),
            principal.IsSupervisor() ? StaffRoles.Supervisor : StaffRoles.Agent));
}

/// <summary>Body of <c>POST /api/agent/login</c>.</summary>
/// <param name="User">Sign-in name.</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string? User, string? Password);

/// <summary>Answer of a successful sign-in; send <paramref name="Token"/> as <c>Authorization: Bearer …</c>.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="ExpiresAt">When it stops working (UTC).</param>
/// <param name="User">Sign-in name.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Role.</param>
public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, string User, string Name, string Role);

/// <summary>The signed-in staff member.</summary>
/// <param name="User">Sign-in name.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Role.</param>
public sealed record StaffMe(string User, string Name, string Role);

/// <summary>An account as the supervisors' API shows it (never the hash).</summary>
/// <param name="User">Sign-in name.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Role.</param>
/// <param name="Teams">Teams attended; empty means every team.</param>
/// <param name="Capacity">Most conversations at once; null for the default.</param>
public sealed record StaffAccountView(string User, string Name, string Role, IReadOnlyList<string> Teams, int? Capacity)
{
    /// <summary>The view of <paramref name="account"/>.</summary>
    public static StaffAccountView From(StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.User, account.DisplayName, account.Role, account.Teams, account.Capacity);
    }
}
