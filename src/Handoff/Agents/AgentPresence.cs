using System.Collections.Concurrent;
using ChatCare.Staff;
using Microsoft.Extensions.Options;

namespace ChatCare.Handoff.Agents;

/// <summary>
/// Which agents can attend now: those with the console connected (SignalR) or who used the agent API within
/// <see cref="HandoffOptions.PresenceMinutes"/>. In memory: after a restart agents count again once they reconnect.
/// </summary>
public sealed class AgentPresence(IStaffAccountStore accounts, IOptions<HandoffOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);

    /// <summary>Notes a request of the agent.</summary>
    public void Seen(string agentUser) => _lastSeen[agentUser] = time.GetUtcNow();

    /// <summary>A console connection opened.</summary>
    public void Connected(string agentUser)
    {
        _connections.AddOrUpdate(agentUser, 1, (_, n) => n + 1);
        Seen(agentUser);
    }

    /// <summary>A console connection closed.</summary>
    public void Disconnected(string agentUser)
    {
        _connections.AddOrUpdate(agentUser, 0, (_, n) => Math.Max(0, n - 1));
        Seen(agentUser);
    }

    /// <summary>Accounts available now that attend <paramref name="team"/>.</summary>
    public async Task<IReadOnlyList<StaffAccount>> AvailableForAsync(string team, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromMinutes(options.Value.PresenceMinutes);
        var now = time.GetUtcNow();
        return [.. (await accounts.ListAsync(cancellationToken)).Where(a =>
            (a.Teams.Count == 0 || a.Teams.Contains(team, StringComparer.OrdinalIgnoreCase))
            && ((_connections.TryGetValue(a.User, out var open) && open > 0) || (_lastSeen.TryGetValue(a.User, out var seen) && now - seen < window)))];
    }

    /// <summary>The capacity of <paramref name="account"/>.</summary>
    public int CapacityOf(StaffAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Capacity ?? options.Value.DefaultCapacity;
    }
}
