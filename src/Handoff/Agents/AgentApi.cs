using System.Security.Claims;
using ChatCare.Handoff.Queue;
using ChatCare.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatCare.Handoff.Agents;

/// <summary>
/// The agent API under <c>/api/agent</c> (bearer token, policy <see cref="StaffPolicies.Staff"/>; 401 without a valid token).
/// Failures are Problem Details: 400 bad input, 404 unknown conversation, 409 taken by someone else or at capacity.
/// </summary>
public static class AgentApi
{
    /// <summary>Maps the routes and the SignalR hub.</summary>
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/agent").RequireAuthorization(StaffPolicies.Staff).DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                // Every call counts as presence: an agent using the API can be given customers.
                context.HttpContext.RequestServices.GetRequiredService<AgentPresence>().Seen(context.HttpContext.User.StaffUser());
                return await next(context);
            });
        group.MapGet("/queue", async (ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.QueueAsync(StaffIdentity.From(user), ct)));
        group.MapGet("/mine", async (ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.MineAsync(StaffIdentity.From(user), ct)));
        group.MapGet("/settings", (IOptions<HandoffOptions> options, HandoffDesk teams) => Results.Ok(new
        {
            teams = options.Value.TeamList.Keys.Select(t => new { id = t, name = teams.TeamName(t, "es"), nameEnglish = teams.TeamName(t, "en") }),
            dispositions = options.Value.DispositionList,
        }));
        group.MapPost("/conversations/{id}/accept", async (string id, ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            Result(await desk.AcceptAsync(id, StaffIdentity.From(user), ct)));
        group.MapGet("/conversations/{id}", async (string id, AgentWorkspace desk, CancellationToken ct) =>
            Result(await desk.ConversationAsync(id, ct)));
        group.MapPost("/conversations/{id}/messages", async (string id, TextRequest? body, ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            Result(await desk.MessageAsync(id, StaffIdentity.From(user), body?.Text, ct), delivered => new { delivered }));
        group.MapPost("/conversations/{id}/notes", async (string id, TextRequest? body, ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            Result(await desk.NoteAsync(id, StaffIdentity.From(user), body?.Text, ct)));
        group.MapPost("/conversations/{id}/transfer", async (string id, TransferRequest? body, ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            Result(await desk.TransferAsync(id, StaffIdentity.From(user), body, ct)));
        group.MapPost("/conversations/{id}/close", async (string id, CloseRequest? body, ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            Result(await desk.CloseAsync(id, StaffIdentity.From(user), body?.Disposition, ct)));
        group.MapPost("/conversations/{id}/return-to-bot", async (string id, ClaimsPrincipal user, AgentWorkspace desk, CancellationToken ct) =>
            Result(await desk.ReturnToBotAsync(id, StaffIdentity.From(user), ct)));
        group.MapGet("/records", async (DateTimeOffset? from, DateTimeOffset? to, ITypificationStore records, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(await records.ListAsync(from ?? DateTimeOffset.MinValue, to ?? time.GetUtcNow().AddMinutes(1), ct)))
            .RequireAuthorization(StaffPolicies.Supervisor);

        endpoints.MapHub<AgentHub>(AgentHub.Path);
        return endpoints;
    }

    private static IResult Result<T>(AgentResult<T> result, Func<T, object>? shape = null) => result.Error is null
        ? TypedResults.Ok(shape is null ? result.Value : shape(result.Value!))
        : TypedResults.Problem(result.Error, statusCode: result.Status, title: result.Status switch
        {
            400 => "Invalid request",
            403 => "Not allowed",
            404 => "Not found",
            _ => "Conflict",
        });
}
