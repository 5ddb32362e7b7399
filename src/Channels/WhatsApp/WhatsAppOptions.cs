using System.ComponentModel.DataAnnotations;

namespace ChatCare.Channels.WhatsApp;

/// <summary>
/// The WhatsApp Cloud API channel, under <c>ChatCare:Channels:WhatsApp</c>. Enabled when <see cref="VerifyToken"/>,
/// <see cref="AppSecret"/>, <see cref="PhoneNumberId"/> and <see cref="AccessToken"/> are all set; some but not all is a start-up error.
/// </summary>
public sealed class WhatsAppOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Channels:WhatsApp";

    /// <summary>The verify token typed into the Meta app's webhook settings; echoed back by <c>GET /api/whatsapp</c>.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The Meta app's secret: the key of <c>X-Hub-Signature-256</c>.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Graph API base URL.</summary>
    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>Graph API version in request paths.</summary>
    [RegularExpression(@"^v\d+\.\d+$", ErrorMessage = "ChatCare:Channels:WhatsApp:GraphApiVersion must look like v23.0.")]
    public string GraphApiVersion { get; set; } = "v23.0";

    /// <summary>The business phone number's id (not the number itself); messages to other numbers of the account are ignored.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>A system-user access token with <c>whatsapp_business_messaging</c>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The approved template sent instead of a message when the 24-hour customer-service window is closed.</summary>
    public WhatsAppTemplateOptions ReengagementTemplate { get; set; } = new();

    /// <summary>Largest accepted webhook body, in bytes (Meta sends at most 3 MB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Send timeout of one Graph API call, in seconds.</summary>
    [Range(1, 120)]
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>The customer-service window Meta enforces.</summary>
    public static TimeSpan CustomerServiceWindow { get; } = TimeSpan.FromHours(24);

    /// <summary>True when the channel is configured.</summary>
    public bool Enabled => Required().All(r => !string.IsNullOrWhiteSpace(r.Value));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = Required().Where(r => string.IsNullOrWhiteSpace(r.Value)).Select(r => r.Key).ToList();
        if (missing.Count is > 0 and < 4)
        {
            yield return new ValidationResult(
                $"WhatsApp is half configured: {string.Join(", ", missing.Select(m => SectionName + ":" + m))} must be set too (or none of them).", missing);
        }
        if (!Uri.TryCreate(GraphApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"{SectionName}:GraphApiBaseUrl must be an absolute http(s) URL.", [nameof(GraphApiBaseUrl)]);
        }
        if (ReengagementTemplate.Configured && ReengagementTemplate.Languages.Count == 0)
        {
            yield return new ValidationResult(
                $"{SectionName}:ReengagementTemplate:Languages needs a template language code per conversation language, e.g. es=es, en=en_US.",
                [nameof(ReengagementTemplate)]);
        }
    }

    private Dictionary<string, string?> Required() => new()
    {
        [nameof(VerifyToken)] = VerifyToken,
        [nameof(AppSecret)] = AppSecret,
        [nameof(PhoneNumberId)] = PhoneNumberId,
        [nameof(AccessToken)] = AccessToken,
    };
}

/// <summary>An approved message template.</summary>
public sealed class WhatsAppTemplateOptions
{
    /// <summary>Template name as approved in WhatsApp Manager; empty: no template, so nothing is sent outside the window.</summary>
    public string? Name { get; set; }

    /// <summary>Template language code per conversation language (<c>es</c> → <c>es</c>, <c>en</c> → <c>en_US</c>).</summary>
    public Dictionary<string, string> Languages { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the template's body has one variable (<c>{{1}}</c>) that carries the message text.</summary>
    public bool TextParameter { get; set; }

    /// <summary>True when a template is configured.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(Name);
}
