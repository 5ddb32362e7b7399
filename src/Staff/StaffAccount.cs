namespace ChatCare.Staff;

/// <summary>A person who attends customers: an agent or a supervisor.</summary>
public sealed record StaffAccount
{
    /// <summary>Sign-in name, stored lower-case (<see cref="NormalizeUser"/>).</summary>
    public required string User { get; init; }

    /// <summary>The name customers and colleagues see, e.g. "Ana Torres".</summary>
    public required string DisplayName { get; init; }

    /// <summary><see cref="StaffRoles.Agent"/> or <see cref="StaffRoles.Supervisor"/>.</summary>
    public required string Role { get; init; }

    /// <summary>The password hash in ASP.NET Core Identity's format (PBKDF2, salted, versioned).</summary>
    public required string PasswordHash { get; init; }

    /// <summary>Teams the person attends (e.g. <c>support</c>, <c>sales</c>); empty means every team.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>Most conversations attended at once; null uses the configured default.</summary>
    public int? Capacity { get; init; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Sign-in names compare without case and surrounding spaces.</summary>
    public static string NormalizeUser(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Trim().ToLowerInvariant();
    }
}

/// <summary>Roles of staff accounts.</summary>
public static class StaffRoles
{
    /// <summary>Attends conversations.</summary>
    public const string Agent = "agent";

    /// <summary>Attends conversations and sees the team's records.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Whether <paramref name="role"/> is a known role.</summary>
    public static bool IsValid(string? role) => role is Agent or Supervisor;
}
