using ChatCare.Core.Security;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatCare.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.DirectLine;

/// <summary>
/// Conversation-bound tokens: <c>base64url(claims JSON) "." base64url(HMAC-SHA256)</c>, keyed by a key derived from the site secret,
/// or, with no secret configured, by the key generated once in the data directory (<see cref="KeyFile"/>, <c>directline-signing.key</c>).
/// Stateless, so they survive a restart and need no store; rotating the secret (or deleting the key file) revokes them all.
/// </summary>
public sealed class DirectLineTokens
{
    private static readonly byte[] KeyPurpose = Encoding.UTF8.GetBytes("ChatCare Direct Line token v1");
    private readonly byte[]? _secret;
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Derives the signing key from the configured secret, or loads (creating it once) the data directory's key.</summary>
    public DirectLineTokens(IOptions<DirectLineOptions> options, IOptions<ChatCareOptions> chatCare, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chatCare);
        Options = options.Value;
        _time = time;
        if (!string.IsNullOrEmpty(Options.Secret))
        {
            _secret = Encoding.UTF8.GetBytes(Options.Secret);
            // A derived key, so a token never carries anything computed with the secret itself.
            _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 32, salt: [], info: KeyPurpose);
        }
        else
        {
            // No secret: nobody can call /tokens/generate, but ChatCare's own page (/chat/token) can still hand out tokens.
            _key = KeyFile.LoadOrCreate(chatCare.Value.DataDirectory, "directline-signing.key");
        }
    }

    /// <summary>The options in force.</summary>
    public DirectLineOptions Options { get; }

    /// <summary>True when a site secret is configured (so <c>POST /tokens/generate</c> can be used).</summary>
    public bool HasSecret => _secret is not null;

    /// <summary>Seconds a new token lives.</summary>
    public int LifetimeSeconds => (int)Options.TokenLifetime.TotalSeconds;

    /// <summary>Whether <paramref name="candidate"/> is the site secret (constant-time).</summary>
    public bool IsSecret(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return _secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _secret);
    }

    /// <summary>Issues a token for one conversation and user, valid for the configured lifetime.</summary>
    public string Issue(string conversationId, string userId)
    {
        var claims = new TokenClaims(conversationId, userId, (_time.GetUtcNow() + Options.TokenLifetime).ToUnixTimeSeconds());
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims, DirectLineJsonContext.Default.TokenClaims);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
    }

    /// <summary>Checks a token's signature and expiry.</summary>
    public TokenValidation Validate(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || token.Length > 4096)
        {
            return TokenValidation.Malformed;
        }
        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return TokenValidation.Malformed;
        }
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return TokenValidation.Invalid;
        }

        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize(payload, DirectLineJsonContext.Default.TokenClaims);
        }
        catch (JsonException)
        {
            return TokenValidation.Malformed;
        }
        if (claims is null || string.IsNullOrEmpty(claims.ConversationId) || string.IsNullOrEmpty(claims.UserId))
        {
            return TokenValidation.Malformed;
        }
        return _time.GetUtcNow().ToUnixTimeSeconds() >= claims.ExpiresAt
            ? TokenValidation.Expired
            : new TokenValidation(TokenStatus.Valid, claims);
    }
}

/// <summary>Outcome of checking a token.</summary>
public enum TokenStatus
{
    /// <summary>Signed by this site and not expired.</summary>
    Valid,

    /// <summary>Not a token at all (401).</summary>
    Malformed,

    /// <summary>Signature does not match (403).</summary>
    Invalid,

    /// <summary>Past its expiry (403, which DirectLineJS reads as "expired token").</summary>
    Expired,
}

/// <summary>Outcome of checking a token, with its claims when valid.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Claims">The claims, when <see cref="TokenStatus.Valid"/>.</param>
public sealed record TokenValidation(TokenStatus Status, TokenClaims? Claims = null)
{
    /// <summary>Not a token.</summary>
    public static TokenValidation Malformed { get; } = new(TokenStatus.Malformed);

    /// <summary>Bad signature.</summary>
    public static TokenValidation Invalid { get; } = new(TokenStatus.Invalid);

    /// <summary>Expired.</summary>
    public static TokenValidation Expired { get; } = new(TokenStatus.Expired);
}
