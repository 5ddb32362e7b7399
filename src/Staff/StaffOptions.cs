using System.ComponentModel.DataAnnotations;

namespace ChatCare.Staff;

/// <summary>Settings under <c>ChatCare:Staff</c>.</summary>
public sealed class StaffOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Staff";

    /// <summary>How long a sign-in token is valid: one shift by default.</summary>
    [Range(5, 24 * 60, ErrorMessage = "ChatCare:Staff:TokenLifetimeMinutes must be between 5 and 1440.")]
    public int TokenLifetimeMinutes { get; set; } = 8 * 60;

    /// <summary>Sign-in attempts per client address and minute; more get 429.</summary>
    [Range(1, 10_000, ErrorMessage = "ChatCare:Staff:LoginAttemptsPerMinute must be between 1 and 10000.")]
    public int LoginAttemptsPerMinute { get; set; } = 20;

    /// <summary>Shortest password <c>agents add</c> accepts.</summary>
    [Range(8, 128, ErrorMessage = "ChatCare:Staff:MinPasswordLength must be between 8 and 128.")]
    public int MinPasswordLength { get; set; } = 10;
}
