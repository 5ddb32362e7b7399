using System.ComponentModel.DataAnnotations;

namespace ChatCare.Channels.WebChat;

/// <summary>
/// The web chat page (<c>/chat</c>) and the embeddable widget (<c>/widget.js</c>), under <c>ChatCare:WebChat</c>. The organisation's
/// name and the assistant's name come from <c>ChatCare:Organisation</c> and <c>ChatCare:Persona</c>; the sites that may embed the
/// widget are <c>ChatCare:Channels:DirectLine:AllowedOrigins</c>.
/// </summary>
public sealed class WebChatOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:WebChat";

    private const string HexColor = "^#[0-9A-Fa-f]{6}$";

    /// <summary>The brand colour: header, chat bubble, the customer's messages and buttons.</summary>
    [Required, RegularExpression(HexColor, ErrorMessage = "ChatCare:WebChat:AccentColor must be a colour like #0F6CBD.")]
    public string AccentColor { get; set; } = "#0F6CBD";

    /// <summary>Text drawn on the accent colour.</summary>
    [Required, RegularExpression(HexColor, ErrorMessage = "ChatCare:WebChat:AccentTextColor must be a colour like #FFFFFF.")]
    public string AccentTextColor { get; set; } = "#FFFFFF";

    /// <summary>Background of the conversation.</summary>
    [Required, RegularExpression(HexColor, ErrorMessage = "ChatCare:WebChat:BackgroundColor must be a colour like #F5F6F8.")]
    public string BackgroundColor { get; set; } = "#F5F6F8";

    /// <summary>Picture of the assistant next to its messages: an https URL or a path on this host (<c>/img/sofia.png</c>); empty: initials.</summary>
    public string? BotAvatarImage { get; set; }

    /// <summary>Initials shown when there is no picture; empty: the first letter of <c>ChatCare:Persona:Name</c>.</summary>
    [StringLength(2, ErrorMessage = "ChatCare:WebChat:BotAvatarInitials takes at most 2 characters.")]
    public string? BotAvatarInitials { get; set; }

    /// <summary>Conversations one client address may start per minute through <c>POST /chat/token</c>.</summary>
    [Range(1, 1_000_000)]
    public int TokensPerMinutePerIp { get; set; } = 30;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(BotAvatarImage))
        {
            yield break;
        }
        var sitePath = BotAvatarImage.StartsWith('/') && !BotAvatarImage.StartsWith("//", StringComparison.Ordinal);
        var https = Uri.TryCreate(BotAvatarImage, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
        if (!sitePath && !https)
        {
            yield return new ValidationResult("ChatCare:WebChat:BotAvatarImage must be an https URL or a path starting with '/'.", [nameof(BotAvatarImage)]);
        }
    }
}
