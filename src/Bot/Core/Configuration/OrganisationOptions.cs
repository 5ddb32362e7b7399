using System.ComponentModel.DataAnnotations;

namespace ChatCare.Core.Configuration;

/// <summary>The company that deploys ChatCare, under <c>ChatCare:Organisation</c>.</summary>
public sealed class OrganisationOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Organisation";

    /// <summary>Name customers know the company by.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "Tiendas Aurora";

    /// <summary>IANA time zone, used for greetings and farewells by time of day (STD-G1, X1).</summary>
    [Required]
    public string TimeZone { get; set; } = "America/Lima";

    /// <summary>Phone customers can call.</summary>
    public string ContactPhone { get; set; } = "+51 1 555 0100";

    /// <summary>E-mail customers can write to.</summary>
    [EmailAddress]
    public string ContactEmail { get; set; } = "atencion@tiendasaurora.example";

    /// <summary>When people answer the phone and e-mail, as text for customers.</summary>
    public string ContactHours { get; set; } = "lunes a sábado de 9:00 a 18:00";

    /// <summary>The same in English; when empty, <see cref="ContactHours"/> is used.</summary>
    public string? ContactHoursEnglish { get; set; } = "Monday to Saturday, 9:00 to 18:00";

    /// <summary>The time zone, resolved.</summary>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"ChatCare:Organisation:TimeZone '{TimeZone}' is not a known IANA time zone.", [nameof(TimeZone)]);
        }
    }
}
