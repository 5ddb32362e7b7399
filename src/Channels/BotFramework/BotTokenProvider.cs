using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.BotFramework;

/// <summary>
/// The bot's own access token for posting to serviceUrls (OAuth 2.0 client credentials with the app id and password),
/// cached until five minutes before it expires. A singleton, so the cache is shared by every post.
/// </summary>
public sealed class BotTokenProvider(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>Name of the HttpClient (with resilience) used for the token endpoint.</summary>
    public const string HttpClientName = "BotFrameworkToken";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    /// <summary>A valid token, fetched when none is cached or it is about to expire.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && time.GetUtcNow() < fresh.RenewAt)
        {
            return fresh.Token;
        }
        await _renewal.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } renewed && time.GetUtcNow() < renewed.RenewAt)
            {
                return renewed.Token;
            }
            var settings = options.Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId ?? "",
                ["client_secret"] = settings.AppPassword ?? "",
                ["scope"] = settings.OAuthScope,
            });
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.PostAsync(settings.TokenEndpoint, form, cancellationToken);
            response.EnsureSuccessStatusCode();
            var issued = await response.Content.ReadFromJsonAsync<IssuedToken>(cancellationToken)
                ?? throw new InvalidOperationException("The token endpoint answered with an empty body.");
            _cached = (issued.AccessToken, time.GetUtcNow() + TimeSpan.FromSeconds(issued.ExpiresIn) - RenewBefore);
            return issued.AccessToken;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _renewal.Dispose();

    private sealed record IssuedToken(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
