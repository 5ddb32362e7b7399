using Microsoft.AspNetCore.Identity;

namespace ChatCare.Staff;

/// <summary>
/// Password hashing with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, random salt,
/// versioned format): no hand-written cryptography.
/// </summary>
public sealed class StaffPasswords
{
    private static readonly StaffAccount Nobody = new() { User = "", DisplayName = "", Role = StaffRoles.Agent, PasswordHash = "" };
    private readonly PasswordHasher<StaffAccount> _hasher = new();
    private readonly Lazy<string> _decoy;

    /// <summary>Creates the hasher.</summary>
    public StaffPasswords() => _decoy = new(() => _hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    /// <summary>A salted hash of <paramref name="password"/>.</summary>
    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    /// <summary>
    /// Whether <paramref name="password"/> is the password of <paramref name="account"/>. With no account, a decoy hash is
    /// checked anyway, so the answer takes as long for an unknown user as for a wrong password.
    /// </summary>
    public bool Verify(StaffAccount? account, string password)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, account?.PasswordHash ?? _decoy.Value, password);
        return account is not null && result != PasswordVerificationResult.Failed;
    }
}
