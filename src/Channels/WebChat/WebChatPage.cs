using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using ChatCare.Channels.DirectLine;
using ChatCare.Core.Configuration;
using ChatCare.Core.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.WebChat;

/// <summary>
/// Renders the web chat page and the widget script from configuration: the organisation's name, colours and avatar, texts from
/// <c>prompts/messages</c> in the customer's language, and the page's security headers. ChatCare's own page assets (HTML template,
/// script, style, widget) are embedded in this assembly; the Web Chat bundle itself is a static file the host's build copies from npm.
/// </summary>
public sealed class WebChatPage(
    IOptions<WebChatOptions> webChat,
    IOptions<DirectLineOptions> directLine,
    IOptions<OrganisationOptions> organisation,
    IOptions<PersonaOptions> persona,
    IOptions<ChatCareOptions> chatCare,
    IMessageCatalog messages)
{
    /// <summary>Where the host serves the Web Chat bundle (copied from the npm package at build time).</summary>
    public const string BundlePath = "/lib/botframework-webchat/webchat.js";

    private static readonly string[] Languages = ["es", "en"];
    // Escapes markup characters but keeps accents readable ("Sofía", not "Sof&#xED;a").
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);

    /// <summary>The assistant's initials for its avatar.</summary>
    public string BotInitials => webChat.Value.BotAvatarInitials is { Length: > 0 } initials
        ? initials
        : persona.Value.Name[..1].ToUpper(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>es</c> or <c>en</c>: <paramref name="requested"/> (<c>?lang=</c>) when it names one, else the first of them in the browser's
    /// Accept-Language, else <c>ChatCare:DefaultLanguage</c>. The bot still detects the language of every message (STD-G3).
    /// </summary>
    public string LanguageOf(HttpRequest request, string? requested)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Known(requested) is { } chosen)
        {
            return chosen;
        }
        var preferred = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(v => v.Quality ?? 1);
        return preferred.Select(v => Known(v.Value.Value)).FirstOrDefault(l => l is not null) ?? chatCare.Value.DefaultLanguage;
    }

    /// <summary>Web Chat's locale for a language.</summary>
    public static string LocaleOf(string language) => language == "en" ? "en-US" : "es-ES";

    /// <summary>The full-page chat; <paramref name="embedded"/> when it is inside the widget's frame (adds a close button).</summary>
    public string RenderPage(HttpRequest request, string language, bool embedded)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = webChat.Value;
        var basePath = request.PathBase.Value ?? "";
        var config = new WebChatPageConfig(
            Language: language,
            Locale: LocaleOf(language),
            TokenUrl: basePath + WebChatEndpoints.TokenPath,
            DirectLinePath: basePath + DirectLineEndpoints.BasePath,
            Embedded: embedded,
            BotAvatarImage: AvatarUrl(basePath),
            BotAvatarInitials: BotInitials,
            AccentColor: options.AccentColor,
            AccentTextColor: options.AccentTextColor,
            BackgroundColor: options.BackgroundColor);
        var html = Html;
        return Asset("chat.html")
            .Replace("{{lang}}", language, StringComparison.Ordinal)
            .Replace("{{accent}}", options.AccentColor, StringComparison.Ordinal)
            .Replace("{{accentText}}", options.AccentTextColor, StringComparison.Ordinal)
            .Replace("{{background}}", options.BackgroundColor, StringComparison.Ordinal)
            .Replace("{{base}}", html.Encode(basePath), StringComparison.Ordinal)
            .Replace("{{bundle}}", html.Encode(basePath + BundlePath), StringComparison.Ordinal)
            // The serializer escapes <, > and &, so the JSON cannot end the <script> block it sits in.
            .Replace("{{config}}", JsonSerializer.Serialize(config, WebChatJsonContext.Default.WebChatPageConfig), StringComparison.Ordinal)
            .Replace("{{bodyClass}}", embedded ? "embedded" : "full-page", StringComparison.Ordinal)
            .Replace("{{initials}}", html.Encode(BotInitials), StringComparison.Ordinal)
            .Replace("{{organisation}}", html.Encode(organisation.Value.Name), StringComparison.Ordinal)
            .Replace("{{subtitle}}", html.Encode(messages.Get("webchat.subtitle", language)), StringComparison.Ordinal)
            .Replace("{{closeLabel}}", html.Encode(messages.Get("webchat.close", language)), StringComparison.Ordinal)
            .Replace("{{unavailable}}", html.Encode(messages.Get("webchat.unavailable", language)), StringComparison.Ordinal);
    }

    /// <summary>The widget script with its settings (colours, labels in both languages) filled in; the same for every visitor.</summary>
    public string RenderWidget()
    {
        var options = webChat.Value;
        var labels = Languages.ToDictionary(l => l, l => new WidgetLabels(messages.Get("webchat.open", l), messages.Get("webchat.close", l)));
        var config = new WidgetConfig(options.AccentColor, options.AccentTextColor, chatCare.Value.DefaultLanguage, labels);
        return Asset("widget.js").Replace("/*{{config}}*/null", JsonSerializer.Serialize(config, WebChatJsonContext.Default.WidgetConfig),
            StringComparison.Ordinal);
    }

    /// <summary>
    /// The page's Content-Security-Policy: scripts and connections only from this host, and only this host and the configured
    /// origins may frame it (the widget). Web Chat injects its styles at run time, hence <c>'unsafe-inline'</c> for styles only.
    /// </summary>
    public string ContentSecurityPolicy(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var socket = (request.IsHttps ? "wss://" : "ws://") + request.Host.Value;
        var avatar = webChat.Value.BotAvatarImage is { } image && Uri.TryCreate(image, UriKind.Absolute, out var uri)
            ? " " + uri.GetLeftPart(UriPartial.Authority)
            : "";
        var ancestors = string.Join(' ', directLine.Value.AllowedOrigins.Select(o => o.TrimEnd('/')).Prepend("'self'"));
        return $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{avatar}; "
            + $"connect-src 'self' {socket}; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'; object-src 'none'";
    }

    /// <summary>
    /// Whether a request may take a token: no <c>Origin</c> (not a browser's cross-site call), this host's own origin, or a configured
    /// origin. CORS alone only stops other sites from reading the answer, not from making the conversation.
    /// </summary>
    public bool IsAllowedCaller(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }
        // Same host: compared by authority, so a TLS-terminating proxy that keeps the Host header still matches.
        return string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || directLine.Value.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private string? AvatarUrl(string basePath) => webChat.Value.BotAvatarImage is { Length: > 0 } image
        ? image.StartsWith('/') ? basePath + image : image
        : null;

    private static string? Known(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length < 2)
        {
            return null;
        }
        var primary = tag[..2].ToLowerInvariant();
        return Languages.Contains(primary) && (tag.Length == 2 || tag[2] is '-' or '_') ? primary : null;
    }

    /// <summary>An embedded asset's text (<c>chat.html</c>, <c>chat.js</c>, <c>chat.css</c>, <c>widget.js</c>), read once.</summary>
    internal static string Asset(string name) => Assets.GetOrAdd(name, static name =>
    {
        var assembly = typeof(WebChatPage).Assembly;
        using var stream = assembly.GetManifestResourceStream("ChatCare.Channels.WebChat.Assets." + name)
            ?? throw new InvalidOperationException($"Embedded web chat asset '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
