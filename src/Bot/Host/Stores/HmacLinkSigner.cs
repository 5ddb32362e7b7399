using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatCare.Skills.Complaints;
using ChatCare.Core.Configuration;
using ChatCare.Core.Security;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>
/// HMAC-SHA256 signed links with an expiry. Links expire because they show personal data and chat links get forwarded;
/// a status query by code and verifying datum issues a fresh one. The key is <c>ChatCare:Complaints:SigningKey</c>, or a
/// random key kept in <c>{DataDirectory}/complaint-links.key</c> (<see cref="KeyFile"/>) so links survive restarts; rotating it revokes every link.
/// </summary>
public sealed class HmacLinkSigner : ILinkSigner
{
    private readonly byte[] _key;
    private readonly string _baseUrl;

    /// <summary>Loads or creates the key.</summary>
    public HmacLinkSigner(IOptions<ChatCareOptions> chatCare, IOptions<ComplaintsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(chatCare);
        ArgumentNullException.ThrowIfNull(options);
        _baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        _key = options.Value.SigningKey.Length > 0
            ? Encoding.UTF8.GetBytes(options.Value.SigningKey)
            : KeyFile.LoadOrCreate(chatCare.Value.DataDirectory, "complaint-links.key");
    }

    /// <inheritdoc />
    public string Link(string path, DateTimeOffset expires)
    {
        var exp = expires.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"{_baseUrl}{path}?exp={exp}&sig={Sign(path, exp)}");
    }

    /// <inheritdoc />
    public bool Verify(string path, long expires, string signature, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (now.ToUnixTimeSeconds() > expires)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(path, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private string Sign(string path, long expires) =>
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{path}\n{expires}"))));
}
