using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>The Direct Line 3.0 endpoint as DirectLineJS and Web Chat use it: tokens, start, polling, posting, uploads, stream.</summary>
public sealed class DirectLineTests
{
    private const string Secret = "test-directline-secret-0123456789";

    private static ChatCareApplication App(Dictionary<string, string?>? extra = null, string? dataDirectory = null)
    {
        var settings = new Dictionary<string, string?> { ["ChatCare:Channels:DirectLine:Secret"] = Secret };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return new ChatCareApplication(dataDirectory, settings);
    }

    [Fact]
    public async Task GenerateToken_WithoutOrWithWrongSecret_IsRefused()
    {
        using var app = App();
        var http = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using var missing = await http.PostAsync("/v3/directline/tokens/generate", null, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("MissingAuthorization", (await ErrorOf(missing)).GetProperty("code").GetString());

        using var wrong = await Send(http, HttpMethod.Post, "/v3/directline/tokens/generate", "not-the-secret-at-all");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);

        using var garbage = await Send(http, HttpMethod.Post, "/v3/directline/conversations", "garbage");
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task Token_StartConversation_GreetsBeforeTheCustomerTypes_AndPostEchoesClientActivityId()
    {
        using var app = App();
        var http = app.CreateClient();
        var dl = await DirectLineSession.StartAsync(http);

        Assert.NotNull(dl.StreamUrl);
        Assert.StartsWith("ws://", dl.StreamUrl, StringComparison.Ordinal);
        var (greeting, watermark) = await dl.GetActivitiesAsync("");
        Assert.Contains(greeting, a => a.GetProperty("text").GetString()!.StartsWith("¡Buenos", StringComparison.Ordinal));
        Assert.All(greeting, a => Assert.Equal("chatcare", a.GetProperty("from").GetProperty("id").GetString()));
        Assert.All(greeting, a => Assert.StartsWith(dl.ConversationId + "|", a.GetProperty("id").GetString(), StringComparison.Ordinal));

        var id = await dl.PostAsync("¿cuánto cuesta el envío?", "client-1");
        Assert.Matches($"^{dl.ConversationId}\\|\\d{{7}}$", id);

        var (after, next) = await dl.GetActivitiesAsync(watermark);
        var echo = Assert.Single(after, a => a.GetProperty("id").GetString() == id);
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("directline", echo.GetProperty("channelId").GetString());
        Assert.Equal(dl.UserId, echo.GetProperty("from").GetProperty("id").GetString());
        Assert.True(echo.TryGetProperty("timestamp", out _));
        var answer = after.First(a => a.TryGetProperty("replyToId", out var r) && r.GetString() == id);
        Assert.Contains("Gratis", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(after, a => a.GetProperty("type").GetString() == "typing");
        Assert.True(long.Parse(next, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));

        // Starting again with the same token finds the conversation: 200, no second greeting.
        using var again = await Send(http, HttpMethod.Post, "/v3/directline/conversations", dl.Token, "{}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (all, _) = await dl.GetActivitiesAsync("");
        Assert.Single(all, a => a.GetProperty("text").GetString()!.StartsWith("¡Buenos", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientActivityIdResend_IsAnsweredOnce()
    {
        using var app = App();
        var dl = await DirectLineSession.StartAsync(app.CreateClient());

        var first = await dl.PostAsync("¿cuánto cuesta el envío?", "same-client-id");
        var second = await dl.PostAsync("¿cuánto cuesta el envío?", "same-client-id");

        Assert.Equal(first, second);
        var (all, _) = await dl.GetActivitiesAsync("");
        Assert.Single(all, a => a.GetProperty("from").GetProperty("id").GetString() == dl.UserId);
        Assert.Single(all, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == first
            && a.GetProperty("text").GetString()!.Contains("Gratis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherConversationsToken_CannotReadOrPost()
    {
        using var app = App();
        var http = app.CreateClient();
        var alice = await DirectLineSession.StartAsync(http);
        var bob = await DirectLineSession.StartAsync(http);

        using var read = await Send(http, HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities?watermark=", bob.Token);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal("TokenConversationMismatch", (await ErrorOf(read)).GetProperty("code").GetString());

        using var post = await Send(http, HttpMethod.Post, $"/v3/directline/conversations/{alice.ConversationId}/activities", bob.Token,
            """{"type":"message","text":"hola"}""");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        using var reconnect = await Send(http, HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}", bob.Token);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);

        // A forged token (payload of Alice's conversation, signature of Bob's) is refused too.
        var forged = alice.Token.Split('.')[0] + "." + bob.Token.Split('.')[1];
        using var forgedRead = await Send(http, HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities", forged);
        Assert.Equal(HttpStatusCode.Forbidden, forgedRead.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Is403_AndRefreshGivesAWorkingToken()
    {
        using var app = App();
        var http = app.CreateClient();
        var dl = await DirectLineSession.StartAsync(http);

        app.Clock.Now += TimeSpan.FromMinutes(20);
        using var refresh = await Send(http, HttpMethod.Post, "/v3/directline/tokens/refresh", dl.Token);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = JsonDocument.Parse(await refresh.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(dl.ConversationId, refreshed.GetProperty("conversationId").GetString());
        var newToken = refreshed.GetProperty("token").GetString()!;

        app.Clock.Now += TimeSpan.FromMinutes(11); // the first token is 31 minutes old, the refreshed one 11
        using var expired = await Send(http, HttpMethod.Get, $"/v3/directline/conversations/{dl.ConversationId}/activities", dl.Token);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("TokenExpired", (await ErrorOf(expired)).GetProperty("code").GetString());

        using var fresh = await Send(http, HttpMethod.Get, $"/v3/directline/conversations/{dl.ConversationId}/activities", newToken);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task OversizeUpload_Is413_AndASmallOneIsStoredWithADownloadUrl()
    {
        using var app = App(new() { ["ChatCare:Channels:DirectLine:MaxUploadBytes"] = "10000" });
        var http = app.CreateClient();
        var dl = await DirectLineSession.StartAsync(http);
        var ct = TestContext.Current.CancellationToken;

        using var big = Upload(new byte[20_000]);
        using var tooLarge = await Send(http, HttpMethod.Post, $"/v3/directline/conversations/{dl.ConversationId}/upload?userId={dl.UserId}", dl.Token, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        using var small = Upload(Encoding.UTF8.GetBytes("hello"));
        using var ok = await Send(http, HttpMethod.Post, $"/v3/directline/conversations/{dl.ConversationId}/upload?userId={dl.UserId}", dl.Token, small);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var id = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetString();
        var (all, _) = await dl.GetActivitiesAsync("");
        var stored = Assert.Single(all, a => a.GetProperty("id").GetString() == id);
        Assert.Equal("upload-1", stored.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        var url = stored.GetProperty("attachments")[0].GetProperty("contentUrl").GetString()!;
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "uploads", dl.ConversationId)));
        Assert.Equal("hello", await http.GetStringAsync(new Uri(url), ct));
    }

    [Fact]
    public async Task TooManyRequests_Is429WithRetryAfter()
    {
        using var app = App(new() { ["ChatCare:Channels:DirectLine:PermitsPerMinutePerConversation"] = "5" });
        var http = app.CreateClient();
        var dl = await DirectLineSession.StartAsync(http);

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await Send(http, HttpMethod.Get, $"/v3/directline/conversations/{dl.ConversationId}/activities", dl.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }
        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("TooManyRequests", (await ErrorOf(limited)).GetProperty("code").GetString());
        limited.Dispose();
    }

    [Fact]
    public async Task History_SurvivesAHostRestart_AndIsServedFromAWatermark()
    {
        string dataDirectory;
        DirectLineSession before;
        string watermark;
        string postedId;
        using (var first = App())
        {
            dataDirectory = first.DataDirectory;
            before = await DirectLineSession.StartAsync(first.CreateClient());
            (_, watermark) = await before.GetActivitiesAsync("");
            postedId = await before.PostAsync("¿cuánto cuesta el envío?", "before-restart");
        }

        using var second = App(dataDirectory: dataDirectory);
        var after = before with { Http = second.CreateClient() };
        var (fromWatermark, next) = await after.GetActivitiesAsync(watermark);
        Assert.Equal(postedId, fromWatermark[0].GetProperty("id").GetString());
        Assert.Contains(fromWatermark, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == postedId);

        // Numbering goes on where it stopped: never reset, never reused.
        var newId = await after.PostAsync("gracias", "after-restart");
        Assert.True(string.CompareOrdinal(newId, fromWatermark[^1].GetProperty("id").GetString()) > 0);
        var (newer, _) = await after.GetActivitiesAsync(next);
        Assert.Equal(newId, newer[0].GetProperty("id").GetString());

        using var reconnect = await Send(after.Http, HttpMethod.Get, $"/v3/directline/conversations/{after.ConversationId}?watermark={watermark}", after.Token);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var body = JsonDocument.Parse(await reconnect.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Contains("watermark=" + watermark, body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ReplaysFromTheStart_PushesEchoTypingAndAnswer_AndASecondSocketClosesTheFirst()
    {
        using var app = App();
        var dl = await DirectLineSession.StartAsync(app.CreateClient());
        var ct = TestContext.Current.CancellationToken;

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(dl.StreamUrl!), ct);
        var replay = await ReceiveFrameAsync(socket, ct);
        Assert.Contains(replay.GetProperty("activities").EnumerateArray(), a => a.GetProperty("text").GetString()!.StartsWith("¡Buenos", StringComparison.Ordinal));
        await socket.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Text, true, ct); // DirectLineJS's ping

        var id = await dl.PostAsync("¿cuánto cuesta el envío?", "ws-1");
        var seen = new List<JsonElement>();
        while (!seen.Any(a => a.TryGetProperty("replyToId", out var r) && r.GetString() == id))
        {
            seen.AddRange((await ReceiveFrameAsync(socket, ct)).GetProperty("activities").EnumerateArray());
        }
        Assert.Contains(seen, a => a.TryGetProperty("id", out var i) && i.GetString() == id);
        Assert.Contains(seen, a => a.GetProperty("type").GetString() == "typing");

        using var second = new ClientWebSocket();
        await second.ConnectAsync(new Uri(dl.StreamUrl! + "&watermark=1000"), ct);
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult closed;
        do
        {
            // Frames still in flight (the rest of the answer) come first.
            closed = await socket.ReceiveAsync(buffer, ct);
        }
        while (closed.MessageType != WebSocketMessageType.Close);
        Assert.Equal("collision", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Cors_AllowsConfiguredOriginsWithDirectLineHeaders()
    {
        using var app = App(new() { ["ChatCare:Channels:DirectLine:AllowedOrigins:0"] = "https://shop.example" });
        var http = app.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        using var response = await http.SendAsync(preflight, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal("https://shop.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-ms-bot-agent", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var other = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        other.Headers.Add("Origin", "https://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        using var refused = await http.SendAsync(other, TestContext.Current.CancellationToken);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static MultipartFormDataContent Upload(byte[] file)
    {
        var content = new MultipartFormDataContent();
        var activity = new ByteArrayContent(Encoding.UTF8.GetBytes(
            """{"type":"message","attachments":[{"contentType":"text/plain","name":"note.txt"}],"channelData":{"clientActivityID":"upload-1"}}"""));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        content.Add(activity, "activity", "blob");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(part, "file", "note.txt");
        return content;
    }

    private static async Task<JsonElement> ReceiveFrameAsync(ClientWebSocket socket, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The stream closed: " + socket.CloseStatusDescription);
            }
            if (message.Length > 0)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    internal static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        request.Content = body switch
        {
            string json => new StringContent(json, Encoding.UTF8, "application/json"),
            HttpContent content => content,
            _ => null,
        };
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").Clone();

    /// <summary>A conversation as a site would start it: token from the secret, then POST /conversations with the token.</summary>
    internal sealed record DirectLineSession(HttpClient Http, string ConversationId, string Token, string UserId, string? StreamUrl)
    {
        public static async Task<DirectLineSession> StartAsync(HttpClient http)
        {
            var ct = TestContext.Current.CancellationToken;
            using var generated = await Send(http, HttpMethod.Post, "/v3/directline/tokens/generate", Secret, """{"user":{"id":"dl_rosa","name":"Rosa"}}""");
            Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
            var token = JsonDocument.Parse(await generated.Content.ReadAsStringAsync(ct)).RootElement;
            Assert.Equal(1800, token.GetProperty("expires_in").GetInt32());

            using var started = await Send(http, HttpMethod.Post, "/v3/directline/conversations", token.GetProperty("token").GetString(), """{"user":{"id":"ignored"}}""");
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var conversation = JsonDocument.Parse(await started.Content.ReadAsStringAsync(ct)).RootElement;
            Assert.Equal(token.GetProperty("conversationId").GetString(), conversation.GetProperty("conversationId").GetString());
            return new DirectLineSession(http, conversation.GetProperty("conversationId").GetString()!, conversation.GetProperty("token").GetString()!,
                "dl_rosa", conversation.GetProperty("streamUrl").GetString());
        }

        public async Task<(IReadOnlyList<JsonElement> Activities, string Watermark)> GetActivitiesAsync(string watermark)
        {
            using var response = await Send(Http, HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={watermark}", Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var set = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
            return ([.. set.GetProperty("activities").EnumerateArray()], set.GetProperty("watermark").GetString()!);
        }

        public async Task<string> PostAsync(string text, string clientActivityId)
        {
            var activity = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["type"] = "message",
                ["text"] = text,
                ["from"] = new Dictionary<string, string> { ["id"] = "someone-else" },
                ["channelData"] = new Dictionary<string, string> { ["clientActivityID"] = clientActivityId },
            });
            using var response = await Send(Http, HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", Token, activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString()!;
        }
    }
}
