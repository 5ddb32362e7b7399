using System.Text.Json;
using System.Text.Json.Serialization;
using ChatCare.Core.Activities;

namespace ChatCare.Channels.Messaging;

/// <summary>
/// Attachment contents for what messaging channels send besides text: files (fetched later by the channel's id, as
/// neither Telegram nor WhatsApp gives a public URL), shared contacts and locations.
/// </summary>
public static class ChannelContent
{
    /// <summary>Content type of a shared contact.</summary>
    public const string ContactContentType = "application/vnd.chatcare.contact+json";

    /// <summary>Content type of a shared location.</summary>
    public const string LocationContentType = "application/vnd.chatcare.location+json";

    /// <summary>A file attachment.</summary>
    public static Attachment File(string contentType, string? name, FileContent content) => new()
    {
        ContentType = contentType,
        Name = name,
        Content = JsonSerializer.SerializeToElement(content, ChannelContentJson.Default.FileContent),
    };

    /// <summary>A contact attachment.</summary>
    public static Attachment Contact(ContactContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new()
        {
            ContentType = ContactContentType,
            Name = content.Name,
            Content = JsonSerializer.SerializeToElement(content, ChannelContentJson.Default.ContactContent),
        };
    }

    /// <summary>A location attachment.</summary>
    public static Attachment Location(LocationContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new()
        {
            ContentType = LocationContentType,
            Name = content.Name,
            Content = JsonSerializer.SerializeToElement(content, ChannelContentJson.Default.LocationContent),
        };
    }
}

/// <summary>A file kept by the channel.</summary>
/// <param name="Channel">Channel id.</param>
/// <param name="FileId">The channel's id of the file (Telegram <c>file_id</c>, WhatsApp media id).</param>
/// <param name="Size">Size in bytes, when given.</param>
/// <param name="Sha256">Hash, when given.</param>
public sealed record FileContent(string Channel, string FileId, long? Size = null, string? Sha256 = null);

/// <summary>A shared contact.</summary>
/// <param name="PhoneNumber">Phone number.</param>
/// <param name="Name">Display name.</param>
/// <param name="UserId">The contact's account on the channel, when known.</param>
public sealed record ContactContent(string PhoneNumber, string? Name, string? UserId);

/// <summary>A shared location.</summary>
/// <param name="Latitude">Latitude.</param>
/// <param name="Longitude">Longitude.</param>
/// <param name="Name">Place name.</param>
/// <param name="Address">Address.</param>
public sealed record LocationContent(double Latitude, double Longitude, string? Name = null, string? Address = null);

/// <summary>Source-generated JSON of <see cref="ChannelContent"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FileContent))]
[JsonSerializable(typeof(ContactContent))]
[JsonSerializable(typeof(LocationContent))]
public sealed partial class ChannelContentJson : JsonSerializerContext;
