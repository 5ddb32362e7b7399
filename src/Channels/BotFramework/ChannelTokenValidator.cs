using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatCare.Channels.BotFramework;

/// <summary>
/// Checks the <c>Authorization: Bearer</c> JWT a Bot Framework channel sends with each activity: signed by a key from
/// the channel's OpenID metadata, issued by <see cref="BotFrameworkOptions.TokenIssuer"/>, for this bot's app id, not
/// expired (5 minutes of clock skew), and vouching for the activity's <c>serviceUrl</c>.
/// </summary>
public sealed class ChannelTokenValidator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly BotFrameworkOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Reads the signing keys from <see cref="BotFrameworkOptions.OpenIdMetadataUrl"/> (cached, refreshed daily or on an unknown key).</summary>
    public ChannelTokenValidator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        _options = options.Value;
        var metadataUrl = _options.OpenIdMetadataUrl;
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl.AbsoluteUri,
            new OpenIdConnectConfigurationRetriever(),
            // HTTPS is required except on loopback, where tests and local emulators serve metadata over HTTP.
            new HttpDocumentRetriever(httpClients.CreateClient(nameof(ChannelTokenValidator))) { RequireHttps = !metadataUrl.IsLoopback });
    }

    /// <summary>Validates <paramref name="authorization"/> (the whole header value) for an activity from <paramref name="serviceUrl"/>.</summary>
    public async Task<ChannelAuthResult> ValidateAsync(string? authorization, string? serviceUrl, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelAuthResult.Unauthenticated("The Authorization header must carry a Bot Framework bearer token.");
        }
        var token = authorization[scheme.Length..].Trim();

        var result = await ValidateWithKeysAsync(token, cancellationToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: refetch the metadata once before refusing.
            _metadata.RequestRefresh();
            result = await ValidateWithKeysAsync(token, cancellationToken);
        }
        if (!result.IsValid)
        {
            return ChannelAuthResult.Unauthenticated($"The bearer token is not valid: {result.Exception?.GetType().Name ?? "rejected"}.");
        }

        var vouchedUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value ?? result.ClaimsIdentity.FindFirst("serviceUrl")?.Value;
        if (vouchedUrl is not null && !SameUrl(vouchedUrl, serviceUrl))
        {
            return ChannelAuthResult.Forbidden("The activity's serviceUrl is not the one the token was issued for.");
        }
        return ChannelAuthResult.Success(result.ClaimsIdentity);
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string token, CancellationToken cancellationToken)
    {
        var metadata = await _metadata.GetConfigurationAsync(cancellationToken);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.TokenIssuer,
            ValidAudience = _options.AppId,
            IssuerSigningKeys = metadata.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
        });
    }

    private static bool SameUrl(string a, string? b) =>
        b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}

/// <summary>The outcome of checking a channel's token.</summary>
/// <param name="StatusCode">0 when valid, else 401 or 403.</param>
/// <param name="Detail">Why it was refused.</param>
/// <param name="Identity">The token's claims when valid.</param>
public sealed record ChannelAuthResult(int StatusCode, string? Detail, ClaimsIdentity? Identity)
{
    /// <summary>Whether the caller may proceed.</summary>
    public bool IsValid => StatusCode == 0;

    internal static ChannelAuthResult Success(ClaimsIdentity identity) => new(0, null, identity);

    internal static ChannelAuthResult Unauthenticated(string detail) => new(401, detail, null);

    internal static ChannelAuthResult Forbidden(string detail) => new(403, detail, null);
}
