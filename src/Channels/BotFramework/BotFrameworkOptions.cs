using System.ComponentModel.DataAnnotations;

namespace ChatCare.Channels.BotFramework;

/// <summary>The Bot Framework Activity endpoint <c>POST /api/messages</c>, under <c>ChatCare:Channels:BotFramework</c>.</summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Channels:BotFramework";

    /// <summary>
    /// Microsoft app id. Empty (the default): the endpoint takes requests from loopback only and posts replies only to
    /// loopback or <see cref="AllowedServiceUrls"/>.
    /// </summary>
    public string? AppId { get; set; }

    /// <summary>Service URLs (prefixes) replies may be posted to besides loopback.</summary>
    public IList<string> AllowedServiceUrls { get; } = [];

    /// <summary>Largest accepted request body, in bytes; larger requests get 413.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>Longest accepted message text, in characters; longer text gets 413.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 4000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Refuse to start rather than run an app-id endpoint without the JWT check it needs.
        if (!string.IsNullOrWhiteSpace(AppId))
        {
            yield return new ValidationResult(
                "ChatCare:Channels:BotFramework:AppId is set, but Bot Framework JWT validation is not available in this version. " +
                "Leave AppId empty: /api/messages then accepts loopback callers only.", [nameof(AppId)]);
        }
        foreach (var url in AllowedServiceUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                yield return new ValidationResult($"AllowedServiceUrls entry '{url}' is not an absolute URL.", [nameof(AllowedServiceUrls)]);
            }
        }
    }

    /// <summary>Whether replies may be posted to <paramref name="serviceUrl"/>.</summary>
    public bool AllowsServiceUrl(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }
        return uri.IsLoopback || AllowedServiceUrls.Any(allowed => serviceUrl.StartsWith(allowed, StringComparison.OrdinalIgnoreCase));
    }
}
