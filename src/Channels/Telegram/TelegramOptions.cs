using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ChatCare.Channels.Telegram;

/// <summary>How updates reach ChatCare.</summary>
public enum TelegramMode
{
    /// <summary>Telegram posts updates to <c>POST /api/telegram</c>.</summary>
    Webhook,
    /// <summary>ChatCare asks for updates with <c>getUpdates</c> (no public URL needed).</summary>
    Polling,
}

/// <summary>The Telegram channel, under <c>ChatCare:Channels:Telegram</c>. Enabled when <see cref="BotToken"/> is set.</summary>
public sealed partial class TelegramOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Channels:Telegram";

    /// <summary>The bot token from BotFather (<c>123456:ABC…</c>); empty (the default) disables the channel.</summary>
    public string? BotToken { get; set; }

    /// <summary>Bot API server; only scheme, host and port are used (Telegram.Bot drops any path).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>The secret Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c>; required in webhook mode.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary><c>Webhook</c> (default) or <c>Polling</c>.</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Webhook;

    /// <summary>Public https base URL of this host; when set in webhook mode, <c>setWebhook</c> is called at start with the secret.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Long-polling wait of one <c>getUpdates</c> call, in seconds (polling mode).</summary>
    [Range(0, 50)]
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>Largest accepted webhook body, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxUpdateBytes { get; set; } = 1024 * 1024;

    /// <summary>True when the channel is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (!TokenFormat().IsMatch(BotToken!))
        {
            yield return new ValidationResult($"{SectionName}:BotToken must look like '123456:ABC…' (the token BotFather gives).", [nameof(BotToken)]);
        }
        if (!IsHttpUrl(ApiBaseUrl))
        {
            yield return new ValidationResult($"{SectionName}:ApiBaseUrl must be an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }
        if (Mode == TelegramMode.Webhook && (WebhookSecret is null || !SecretFormat().IsMatch(WebhookSecret)))
        {
            yield return new ValidationResult(
                $"{SectionName}:WebhookSecret is required in webhook mode: 1-256 characters of A-Z, a-z, 0-9, _ and -.", [nameof(WebhookSecret)]);
        }
        if (!string.IsNullOrEmpty(PublicBaseUrl) && !IsHttpUrl(PublicBaseUrl))
        {
            yield return new ValidationResult($"{SectionName}:PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }
    }

    /// <summary>The webhook URL Telegram is told to call, when <see cref="PublicBaseUrl"/> is set.</summary>
    public string? WebhookUrl => string.IsNullOrEmpty(PublicBaseUrl) ? null : PublicBaseUrl.TrimEnd('/') + TelegramEndpoints.Path;

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex(@"^\d+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenFormat();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretFormat();
}
