using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatCare.Channels.WebChat;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>
/// The web chat page, the widget script and the page's token endpoint over HTTP (the browser itself is in ChatCare.Browser.Tests).
/// Nothing is configured unless a test says so: no Direct Line secret, no allowed origins.
/// </summary>
public sealed partial class WebChatTests
{
    private const string Shop = "https://shop.example";

    [Fact]
    public async Task Page_WithNoConfiguration_IsBrandedInTheBrowsersLanguage_AndOnlyThisHostMayFrameIt()
    {
        using var app = new ChatCareApplication();
        var http = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var english = await GetAsync(http, "/chat", "en-US,en;q=0.9,es;q=0.5", ct);
        var html = await english.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Tiendas Aurora</h1>", html, StringComparison.Ordinal);
        Assert.Contains("virtual customer-service assistant", html, StringComparison.Ordinal);
        Assert.Contains("\"locale\":\"en-US\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/lib/botframework-webchat/webchat.js\"", html, StringComparison.Ordinal);
        var csp = english.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);

        // ?lang= wins over the browser; an unknown language falls back to ChatCare:DefaultLanguage (es).
        using var forced = await GetAsync(http, "/chat?lang=es", "en-US", ct);
        Assert.Contains("\"locale\":\"es-ES\"", await forced.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        using var french = await GetAsync(http, "/chat", "fr-FR", ct);
        var frenchHtml = await french.Content.ReadAsStringAsync(ct);
        Assert.Contains("<html lang=\"es\"", frenchHtml, StringComparison.Ordinal);
        Assert.Contains("asistente virtual de atención al cliente", frenchHtml, StringComparison.Ordinal);

        // The bundle the build copied from npm is served, and so are the page's own assets.
        using var bundle = await http.GetAsync("/lib/botframework-webchat/webchat.js", ct);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000);
        using var script = await http.GetAsync("/chat/chat.js", ct);
        Assert.Contains("renderWebChat", await script.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithNoSecret_OpensAConversationGreetedInTheClientsLocale_ButGenerateStaysClosed()
    {
        using var app = new ChatCareApplication();
        var http = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var (conversationId, userId, token) = await IssueTokenAsync(http, ct);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "directline-signing.key")));

        using var start = await SendAsync(http, HttpMethod.Post, "/v3/directline/conversations", token, """{"locale":"en-US"}""", ct);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        Assert.Equal(conversationId, (await JsonAsync(start, ct)).GetProperty("conversationId").GetString());
        var greeting = await ActivitiesAsync(http, conversationId, token, ct);
        // STD-G1, G3: 15:00 UTC is morning in Lima, and the browser's locale chose English.
        Assert.StartsWith("Good morning!", greeting[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(userId, greeting[0].GetProperty("recipient").GetProperty("id").GetString());

        // Without a configured secret nothing can pass as one.
        using var generate = await SendAsync(http, HttpMethod.Post, "/v3/directline/tokens/generate", token, null, ct);
        Assert.Equal(HttpStatusCode.Forbidden, generate.StatusCode);
    }

    [Fact]
    public async Task Token_IsSignedWithTheDataDirectoryKey_AndStillWorksAfterARestart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("chatcare-it-").FullName;
        var ct = TestContext.Current.CancellationToken;
        string conversationId, token;
        using (var first = new ChatCareApplication(dataDirectory))
        {
            var http = first.CreateClient();
            (conversationId, _, token) = await IssueTokenAsync(http, ct);
            using var start = await SendAsync(http, HttpMethod.Post, "/v3/directline/conversations", token, "{}", ct);
            Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        }
        var key = await File.ReadAllBytesAsync(Path.Combine(dataDirectory, "directline-signing.key"), ct);

        using var second = new ChatCareApplication(dataDirectory);
        var again = second.CreateClient();
        Assert.NotEmpty(await ActivitiesAsync(again, conversationId, token, ct));
        Assert.Equal(key, await File.ReadAllBytesAsync(Path.Combine(dataDirectory, "directline-signing.key"), ct));

        // Another data directory has another key: the token means nothing there.
        using var elsewhere = new ChatCareApplication();
        using var refused = await SendAsync(elsewhere.CreateClient(), HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token, null, ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Token_FromAnUnlistedOrigin_IsRefused_AndAConfiguredOriginGetsCors()
    {
        using var app = new ChatCareApplication(settings: new() { ["ChatCare:Channels:DirectLine:AllowedOrigins:0"] = Shop });
        var http = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var evil = await PostTokenAsync(http, "https://evil.example", ct);
        Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        Assert.Equal("application/problem+json", evil.Content.Headers.ContentType?.MediaType);
        Assert.False(evil.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.DoesNotContain("token", await evil.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var shop = await PostTokenAsync(http, Shop, ct);
        Assert.Equal(HttpStatusCode.OK, shop.StatusCode);
        Assert.Equal(Shop, shop.Headers.GetValues("Access-Control-Allow-Origin").Single());

        // The page's own origin (same host) needs no configuration.
        using var self = await PostTokenAsync(http, http.BaseAddress!.GetLeftPart(UriPartial.Authority), ct);
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);

        // The configured origin may also frame the page (the widget).
        using var page = await http.GetAsync("/chat", ct);
        Assert.Contains($"frame-ancestors 'self' {Shop};", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_OverTheLimitPerAddress_Is429ProblemWithRetryAfter()
    {
        using var app = new ChatCareApplication(settings: new() { ["ChatCare:WebChat:TokensPerMinutePerIp"] = "2" });
        var http = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        await IssueTokenAsync(http, ct);
        await IssueTokenAsync(http, ct);
        using var third = await http.PostAsync("/chat/token", null, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task Widget_CarriesTheConfiguredColoursAndLabelsInBothLanguages()
    {
        using var app = new ChatCareApplication(settings: new()
        {
            ["ChatCare:WebChat:AccentColor"] = "#AA3300",
            ["ChatCare:WebChat:BotAvatarImage"] = "https://cdn.example/sofia.png",
        });
        var http = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var widget = await http.GetAsync("/widget.js", ct);
        var script = await widget.Content.ReadAsStringAsync(ct);
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType?.MediaType);
        var config = JsonDocument.Parse(WidgetConfig().Match(script).Groups[1].Value).RootElement;
        Assert.Equal("#AA3300", config.GetProperty("accentColor").GetString());
        Assert.Equal("Abrir el chat de atención al cliente", config.GetProperty("labels").GetProperty("es").GetProperty("open").GetString());
        Assert.Equal("Open the customer-service chat", config.GetProperty("labels").GetProperty("en").GetProperty("open").GetString());

        using var page = await http.GetAsync("/chat", ct);
        Assert.Contains("\"botAvatarImage\":\"https://cdn.example/sofia.png\"", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: blob: https://cdn.example;", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(WebChatOptions.AccentColor), "red", "ChatCare:WebChat:AccentColor")]
    [InlineData(nameof(WebChatOptions.BotAvatarImage), "javascript:alert(1)", "ChatCare:WebChat:BotAvatarImage")]
    [InlineData(nameof(WebChatOptions.BotAvatarImage), "//cdn.example/a.png", "ChatCare:WebChat:BotAvatarImage")]
    public void BadWebChatSetting_FailsValidationNamingTheKey(string property, string value, string key)
    {
        // The same validation the host runs at start (ValidateDataAnnotations + ValidateOnStart); checked here without starting a host
        // whose failure would be reported on another thread.
        var options = new WebChatOptions();
        typeof(WebChatOptions).GetProperty(property)!.SetValue(options, value);
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains(key, StringComparison.Ordinal));
        var defaults = new WebChatOptions();
        Assert.True(Validator.TryValidateObject(defaults, new ValidationContext(defaults), [], validateAllProperties: true));
    }

    private static async Task<(string ConversationId, string UserId, string Token)> IssueTokenAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsync("/chat/token", null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response, ct);
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("userId").GetString()!, body.GetProperty("token").GetString()!);
    }

    private static async Task<HttpResponseMessage> PostTokenAsync(HttpClient http, string origin, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat/token");
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request, ct);
    }

    private static async Task<IReadOnlyList<JsonElement>> ActivitiesAsync(HttpClient http, string conversationId, string token, CancellationToken ct)
    {
        using var response = await SendAsync(http, HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token, null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await JsonAsync(response, ct)).GetProperty("activities").EnumerateArray()];
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string acceptLanguage, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", acceptLanguage);
        return await http.SendAsync(request, ct);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string bearer, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await http.SendAsync(request, ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken ct) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;

    [GeneratedRegex(@"var config = (\{.*?\});", RegexOptions.Singleline)]
    private static partial Regex WidgetConfig();
}
