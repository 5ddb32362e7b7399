using ChatCare.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatCare.Handoff.Agents;

/// <summary>
/// The console's live channel at <c>/hubs/agent</c> (SignalR, no polling): the server announces queue changes, customer
/// messages and conversation changes; the console fetches what changed through the agent API.
/// </summary>
[Authorize(Policy = StaffPolicies.Staff)]
public sealed class AgentHub(AgentPresence presence) : Hub
{
    /// <summary>Path of the hub.</summary>
    public const string Path = StaffAuthentication.HubsPath + "/agent";

    /// <summary>Group of every connected staff member.</summary>
    public const string StaffGroup = "staff";

    /// <summary>Group of one agent's connections.</summary>
    public static string AgentGroup(string agentUser) => "agent:" + agentUser;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        var user = Context.User!.StaffUser();
        presence.Connected(user);
        await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup);
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroup(user));
        await base.OnConnectedAsync();
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presence.Disconnected(Context.User!.StaffUser());
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What the server tells consoles.</summary>
public sealed class AgentNotifications(IHubContext<AgentHub> hub)
{
    /// <summary>The queue changed: consoles reload <c>GET /api/agent/queue</c>.</summary>
    public Task QueueChangedAsync(CancellationToken cancellationToken) =>
        hub.Clients.Group(AgentHub.StaffGroup).SendAsync("queueChanged", cancellationToken);

    /// <summary>A conversation changed (message, note, owner, status): consoles showing it reload it.</summary>
    public Task ConversationChangedAsync(string conversationId, string change, string? text, CancellationToken cancellationToken) =>
        hub.Clients.Group(AgentHub.StaffGroup).SendAsync("conversationChanged", new { conversationId, change, text }, cancellationToken);

    /// <summary>The agent's own conversations changed: their console reloads <c>GET /api/agent/mine</c>.</summary>
    public Task MineChangedAsync(string agentUser, CancellationToken cancellationToken) =>
        hub.Clients.Group(AgentHub.AgentGroup(agentUser)).SendAsync("mineChanged", cancellationToken);
}
