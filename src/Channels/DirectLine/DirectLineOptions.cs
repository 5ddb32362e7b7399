using System.ComponentModel.DataAnnotations;

namespace ChatCare.Channels.DirectLine;

/// <summary>The Direct Line 3.0 endpoint under <c>/v3/directline</c>, under <c>ChatCare:Channels:DirectLine</c>.</summary>
public sealed class DirectLineOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Channels:DirectLine";

    /// <summary>
    /// The site secret: the site's backend exchanges it for conversation tokens at <c>POST /tokens/generate</c>, and it also signs them.
    /// Empty (the default): no token can be issued, so every Direct Line call is refused.
    /// </summary>
    [MinLength(16, ErrorMessage = "ChatCare:Channels:DirectLine:Secret must be at least 16 characters.")]
    public string? Secret { get; set; }

    /// <summary>How long a token lives. DirectLineJS refreshes every 15 minutes, so it must outlive that.</summary>
    [Range(16, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Largest accepted upload (all files and the activity), in bytes; larger uploads get 413.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest accepted activity body, in bytes; larger bodies get 413.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>Requests one conversation may make per minute (polling every second uses 60).</summary>
    [Range(1, 100_000)]
    public int PermitsPerMinutePerConversation { get; set; } = 240;

    /// <summary>Requests one client IP address may make per minute across all its conversations.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinutePerIp { get; set; } = 1200;

    /// <summary>Most activities returned by one <c>GET …/activities</c>; the client continues from the returned watermark.</summary>
    [Range(1, 1000)]
    public int MaxActivitiesPerGet { get; set; } = 100;

    /// <summary>Origins (e.g. <c>https://www.example.com</c>) whose pages may call Direct Line; empty: no cross-origin calls.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>The token lifetime as a span.</summary>
    public TimeSpan TokenLifetime => TimeSpan.FromMinutes(TokenLifetimeMinutes);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"AllowedOrigins entry '{origin}' is not an absolute http(s) origin.", [nameof(AllowedOrigins)]);
            }
        }
    }
}
