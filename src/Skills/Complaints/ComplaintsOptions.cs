using System.ComponentModel.DataAnnotations;
using ChatCare.Core.Conversations;

namespace ChatCare.Skills.Complaints;

/// <summary>
/// Complaints and privacy settings under <c>ChatCare:Complaints</c>. The organisation's country
/// (<c>ChatCare:Organisation:Country</c>) picks a profile; each profile value may be overridden under
/// <c>ChatCare:Complaints:Profiles:{PE|MX|ES}</c>, and what is not overridden comes from <see cref="CountryProfile.BuiltIn"/>.
/// </summary>
public sealed class ComplaintsOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Complaints";

    /// <summary>The organisation's country (<c>ChatCare:Organisation:Country</c>): PE, MX or ES.</summary>
    public string Country { get; set; } = "PE";

    /// <summary>Prefix of complaint codes (<c>R-2026-000123</c>).</summary>
    [Required, RegularExpression("^[A-Z]{1,3}$", ErrorMessage = "ChatCare:Complaints:CodePrefix must be 1 to 3 capital letters.")]
    public string CodePrefix { get; set; } = "R";

    /// <summary>Prefix of data-rights request codes (<c>D-2026-000007</c>).</summary>
    [Required, RegularExpression("^[A-Z]{1,3}$", ErrorMessage = "ChatCare:Complaints:RightsCodePrefix must be 1 to 3 capital letters.")]
    public string RightsCodePrefix { get; set; } = "D";

    /// <summary>Days a signed receipt or export link stays valid; a status query by code issues a fresh one.</summary>
    [Range(1, 3650)]
    public int LinkValidDays { get; set; } = 30;

    /// <summary>Base URL of the host for links in the chat (e.g. <c>https://chat.example.com</c>); empty gives relative links.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>HMAC key for signed links (at least 32 characters); empty: a random key is generated once and kept in the database.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Days transcripts are kept before the retention job purges them (STD-P3).</summary>
    [Range(1, 36500)]
    public int TranscriptRetentionDays { get; set; } = 365;

    /// <summary>Per-country overrides.</summary>
    public Dictionary<string, CountryProfileOptions> Profiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The effective profile of <see cref="Country"/>.</summary>
    public CountryProfile Profile => CountryProfile.Resolve(Country, Profiles.GetValueOrDefault(Country));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CountryProfile.BuiltIn.ContainsKey(Country))
        {
            yield return new ValidationResult($"ChatCare:Organisation:Country '{Country}' must be PE, MX or ES.", [nameof(Country)]);
        }
        if (SigningKey.Length is > 0 and < 32)
        {
            yield return new ValidationResult("ChatCare:Complaints:SigningKey must have at least 32 characters (or be empty).", [nameof(SigningKey)]);
        }
        foreach (var (country, profile) in Profiles)
        {
            foreach (var holiday in profile.Holidays ?? [])
            {
                if (!DateOnly.TryParseExact(holiday, "yyyy-MM-dd", out _))
                {
                    yield return new ValidationResult($"ChatCare:Complaints:Profiles:{country}:Holidays has '{holiday}', which is not a yyyy-MM-dd date.", [nameof(Profiles)]);
                }
            }
            foreach (var field in profile.RequiredFields ?? [])
            {
                if (!Enum.TryParse<ComplaintField>(field, ignoreCase: true, out _))
                {
                    yield return new ValidationResult($"ChatCare:Complaints:Profiles:{country}:RequiredFields has unknown field '{field}'.", [nameof(Profiles)]);
                }
            }
        }
    }
}

/// <summary>Configured overrides of one country profile; null keeps the built-in value.</summary>
public sealed class CountryProfileOptions
{
    /// <summary>Business days to answer a complaint.</summary>
    public int? ResponseBusinessDays { get; set; }

    /// <summary>Fields that must be answered (names of <see cref="ComplaintField"/>); others are asked but may be skipped.</summary>
    public List<string>? RequiredFields { get; set; }

    /// <summary>Accepted ID document types (DNI, CE, RUC, PAS, CURP, RFC, NIE).</summary>
    public List<string>? IdTypes { get; set; }

    /// <summary>Public holidays (yyyy-MM-dd) that are not business days.</summary>
    public List<string>? Holidays { get; set; }

    /// <summary>Where the full privacy notice is published.</summary>
    public string? PrivacyNoticeUrl { get; set; }

    /// <summary>Whether a complaint may be filed without personal data when consent is refused.</summary>
    public bool? AllowsAnonymous { get; set; }

    /// <summary>Years complaint records are kept by law; deletion requests do not erase them before then.</summary>
    public int? RetentionYears { get; set; }

    /// <summary>Business days to answer an access request.</summary>
    public int? AccessBusinessDays { get; set; }

    /// <summary>Business days to answer a rectification or deletion request.</summary>
    public int? OtherRightsBusinessDays { get; set; }
}

/// <summary>The effective rules of one country.</summary>
/// <param name="Country">PE, MX or ES.</param>
/// <param name="ResponseBusinessDays">Business days to answer a complaint.</param>
/// <param name="RequiredFields">Fields that must be answered.</param>
/// <param name="IdTypes">Accepted ID document types.</param>
/// <param name="Holidays">Public holidays.</param>
/// <param name="PrivacyNoticeUrl">Where the full privacy notice is published.</param>
/// <param name="AllowsAnonymous">Whether an anonymous complaint is possible.</param>
/// <param name="RetentionYears">Legal retention of complaint records.</param>
/// <param name="AccessBusinessDays">Term of an access request.</param>
/// <param name="OtherRightsBusinessDays">Term of a rectification or deletion request.</param>
public sealed record CountryProfile(
    string Country,
    int ResponseBusinessDays,
    IReadOnlySet<ComplaintField> RequiredFields,
    IReadOnlyList<string> IdTypes,
    IReadOnlySet<DateOnly> Holidays,
    string PrivacyNoticeUrl,
    bool AllowsAnonymous,
    int RetentionYears,
    int AccessBusinessDays,
    int OtherRightsBusinessDays)
{
    private static readonly ComplaintField[] Identity =
    [
        ComplaintField.Kind, ComplaintField.FullName, ComplaintField.IdType, ComplaintField.IdNumber, ComplaintField.Address,
        ComplaintField.Email, ComplaintField.Phone, ComplaintField.IsMinor, ComplaintField.Guardian, ComplaintField.Product,
        ComplaintField.Detail, ComplaintField.Request,
    ];

    /// <summary>
    /// Built-in profiles from the research notes (shared/docs/domain-legal.md): PE Libro de Reclamaciones (15 business days,
    /// D.S. 101-2022-PCM; 2-year retention; ARCO 20/10 business days), MX (no national book: company term, PROFECO route;
    /// ARCO 20 days), ES (Ley 10/2025: 15 business days; GDPR one month, counted here as 20 business days). Holidays are the
    /// 2026 national ones and must be kept up to date by configuration.
    /// </summary>
    public static IReadOnlyDictionary<string, CountryProfile> BuiltIn { get; } = new Dictionary<string, CountryProfile>(StringComparer.OrdinalIgnoreCase)
    {
        ["PE"] = new("PE", 15, Identity.ToHashSet(), ["DNI", "CE", "RUC", "PAS"],
            Dates("2026-01-01", "2026-04-02", "2026-04-03", "2026-05-01", "2026-06-07", "2026-06-29", "2026-07-23", "2026-07-28",
                "2026-07-29", "2026-08-06", "2026-08-30", "2026-10-08", "2026-11-01", "2026-12-08", "2026-12-09", "2026-12-25"),
            "https://www.tiendasaurora.example/privacidad", AllowsAnonymous: false, RetentionYears: 2, 20, 10),
        ["MX"] = new("MX", 15, Identity.ToHashSet(), ["CURP", "RFC", "PAS"],
            Dates("2026-01-01", "2026-02-02", "2026-03-16", "2026-05-01", "2026-09-16", "2026-11-16", "2026-12-25"),
            "https://www.tiendasaurora.example/aviso-de-privacidad", AllowsAnonymous: true, RetentionYears: 2, 20, 20),
        ["ES"] = new("ES", 15, Identity.ToHashSet(), ["DNI", "NIE", "PAS"],
            Dates("2026-01-01", "2026-01-06", "2026-04-03", "2026-05-01", "2026-08-15", "2026-10-12", "2026-12-08", "2026-12-25"),
            "https://www.tiendasaurora.example/privacidad", AllowsAnonymous: false, RetentionYears: 2, 20, 20),
    };

    /// <summary>The built-in profile of <paramref name="country"/> with <paramref name="overrides"/> applied.</summary>
    public static CountryProfile Resolve(string country, CountryProfileOptions? overrides)
    {
        var builtIn = BuiltIn.TryGetValue(country, out var p) ? p : BuiltIn["PE"];
        if (overrides is null)
        {
            return builtIn;
        }
        return builtIn with
        {
            ResponseBusinessDays = overrides.ResponseBusinessDays ?? builtIn.ResponseBusinessDays,
            RequiredFields = overrides.RequiredFields is { Count: > 0 } required
                ? required.Select(f => Enum.Parse<ComplaintField>(f, ignoreCase: true)).ToHashSet()
                : builtIn.RequiredFields,
            IdTypes = overrides.IdTypes is { Count: > 0 } types ? [.. types.Select(t => t.ToUpperInvariant())] : builtIn.IdTypes,
            Holidays = overrides.Holidays is { Count: > 0 } holidays ? Dates([.. holidays]) : builtIn.Holidays,
            PrivacyNoticeUrl = overrides.PrivacyNoticeUrl ?? builtIn.PrivacyNoticeUrl,
            AllowsAnonymous = overrides.AllowsAnonymous ?? builtIn.AllowsAnonymous,
            RetentionYears = overrides.RetentionYears ?? builtIn.RetentionYears,
            AccessBusinessDays = overrides.AccessBusinessDays ?? builtIn.AccessBusinessDays,
            OtherRightsBusinessDays = overrides.OtherRightsBusinessDays ?? builtIn.OtherRightsBusinessDays,
        };
    }

    private static HashSet<DateOnly> Dates(params string[] dates) =>
        [.. dates.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
}
