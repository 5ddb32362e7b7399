using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatCare.Skills.Complaints;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>
/// HMAC-SHA256 signed links with an expiry. Links expire because they show personal data and chat links get forwarded;
/// a status query by code and verifying datum issues a fresh one. The key is <c>ChatCare:Complaints:SigningKey</c>, or a
/// random key generated once and kept in the database so links survive restarts; rotating it revokes every link.
/// </summary>
public sealed class HmacLinkSigner : ILinkSigner
{
    private readonly byte[] _key;
    private readonly string _baseUrl;

    /// <summary>Loads or creates the key.</summary>
    public HmacLinkSigner(ChatCareDatabase database, IOptions<ComplaintsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        if (options.Value.SigningKey.Length > 0)
        {
            _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);
            return;
        }
        database.Prepare(db => ChatCareDatabase.CreateCollection(db, "settings"));
        var settings = database.Database.GetCollection("settings");
        if (settings.FindById("link-signing-key") is { } stored)
        {
            _key = Convert.FromBase64String(stored["value"].AsString);
            return;
        }
        _key = RandomNumberGenerator.GetBytes(32);
        var document = new BsonDocument { ["_id"] = "link-signing-key", ["value"] = Convert.ToBase64String(_key) };
        // Once per data directory, at first use; the writer is its own thread, so waiting here cannot deadlock.
        database.WriteAsync(db => db.GetCollection("settings").Insert(document), CancellationToken.None).GetAwaiter().GetResult();
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
