using System.ComponentModel.DataAnnotations;

namespace ChatCare.Channels.BotFramework;

/// <summary>The Bot Framework Activity endpoint <c>POST /api/messages</c>, under <c>ChatCare:Channels:BotFramework</c>.</summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Channels:BotFramework";

    /// <summary>
    /// Microsoft app id. Empty (the default): the endpoint takes requests from loopback only and posts replies only to
    /// loopback or <see cref="AllowedServiceUrls"/>. Set: every request must carry a Bot Framework JWT for this app id,
    /// and replies are posted with a token obtained with <see cref="AppPassword"/>.
    /// </summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the token that authorises replies posted to serviceUrls.</summary>
    public string? AppPassword { get; set; }

    /// <summary>OpenID metadata that lists the keys channel tokens are signed with.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>Issuer of channel tokens.</summary>
    public string TokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Where the bot obtains its own token (OAuth client credentials).</summary>
    public Uri TokenEndpoint { get; set; } = new("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    /// <summary>Scope of the bot's own token.</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Whether requests are authenticated with Bot Framework JWTs (an app id is configured).</summary>
    public bool RequiresAuthentication => !string.IsNullOrWhiteSpace(AppId);

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
        if (RequiresAuthentication && string.IsNullOrWhiteSpace(AppPassword))
        {
            yield return new ValidationResult(
                "ChatCare:Channels:BotFramework:AppPassword is required with an AppId: replies to serviceUrls need the bot's own token.",
                [nameof(AppPassword)]);
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
