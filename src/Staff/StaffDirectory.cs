using Microsoft.Extensions.Options;

namespace ChatCare.Staff;

/// <summary>Creates and replaces staff accounts with the same rules for the <c>agents add</c> command and the supervisors' API.</summary>
public sealed class StaffDirectory(IStaffAccountStore store, StaffPasswords passwords, IOptions<StaffOptions> options, TimeProvider time)
{
    /// <summary>Largest capacity an account may have.</summary>
    public const int MaxCapacity = 50;

    /// <summary>Validates <paramref name="request"/> and stores the account; the error says what is wrong.</summary>
    public async Task<StaffSaveResult> SaveAsync(StaffAccountRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var minimum = options.Value.MinPasswordLength;
        var error = request switch
        {
            { User: null or "" } or { User.Length: > 64 } => "The user must have 1 to 64 characters.",
            _ when request.User.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => "The user must not contain spaces.",
            { Name: null } or { Name.Length: > 100 } => "The name must have 1 to 100 characters.",
            _ when string.IsNullOrWhiteSpace(request.Name) => "The name must have 1 to 100 characters.",
            _ when !StaffRoles.IsValid(request.Role) => "The role must be 'agent' or 'supervisor'.",
            { Password: null } => $"The password must have at least {minimum} characters.",
            _ when request.Password.Length < minimum => $"The password must have at least {minimum} characters.",
            { Capacity: < 1 or > MaxCapacity } => $"The capacity must be between 1 and {MaxCapacity}.",
            _ => null,
        };
        if (error is not null)
        {
            return new StaffSaveResult(null, false, error);
        }

        var existing = await store.FindAsync(request.User!, cancellationToken);
        var account = new StaffAccount
        {
            User = StaffAccount.NormalizeUser(request.User!),
            DisplayName = request.Name!.Trim(),
            Role = request.Role!,
            PasswordHash = passwords.Hash(request.Password!),
            Teams = [.. (request.Teams ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()],
            Capacity = request.Capacity,
            CreatedAt = existing?.CreatedAt ?? time.GetUtcNow(),
        };
        await store.UpsertAsync(account, cancellationToken);
        return new StaffSaveResult(account, existing is null, null);
    }
}

/// <summary>An account to create or replace.</summary>
/// <param name="User">Sign-in name.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role"><c>agent</c> or <c>supervisor</c>.</param>
/// <param name="Password">Password in clear (hashed before it is stored).</param>
/// <param name="Teams">Teams attended; empty or null means every team.</param>
/// <param name="Capacity">Most conversations at once; null for the default.</param>
public sealed record StaffAccountRequest(string? User, string? Name, string? Role, string? Password,
    IReadOnlyList<string>? Teams = null, int? Capacity = null);

/// <summary>What <see cref="StaffDirectory.SaveAsync"/> did.</summary>
/// <param name="Account">The stored account, or null when the request was refused.</param>
/// <param name="Created">True for a new account, false when one was replaced.</param>
/// <param name="Error">Why the request was refused.</param>
public sealed record StaffSaveResult(StaffAccount? Account, bool Created, string? Error);
