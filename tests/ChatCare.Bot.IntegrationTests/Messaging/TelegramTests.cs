using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatCare.Bot.Stores;
using ChatCare.Channels.Messaging;
using ChatCare.Channels.Telegram;
using ChatCare.Core.Configuration;
using ChatCare.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.IntegrationTests.Messaging;

/// <summary>The Telegram channel in webhook mode: the real host, the real Telegram.Bot client, a fake Bot API on loopback.</summary>
public sealed class TelegramFixture : IAsyncLifetime
{
    public const string Secret = "s3cret-Token_1";

    public FakeTelegramBotApi Api { get; } = new();

    public ChatCareApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static Dictionary<string, string?> Settings(FakeTelegramBotApi api, string mode = "Webhook") => new()
    {
        ["ChatCare:Channels:Telegram:BotToken"] = FakeTelegramBotApi.Token,
        ["ChatCare:Channels:Telegram:ApiBaseUrl"] = api.BaseUrl,
        ["ChatCare:Channels:Telegram:Mode"] = mode,
        ["ChatCare:Channels:Telegram:WebhookSecret"] = mode == "Webhook" ? Secret : null,
        ["ChatCare:Channels:Telegram:PublicBaseUrl"] = mode == "Webhook" ? "https://chatcare.example/" : null,
        ["ChatCare:Channels:Telegram:PollingTimeoutSeconds"] = "1",
        ["ChatCare:Channels:Outbox:InitialRetryDelaySeconds"] = "0.2",
        ["ChatCare:Channels:Outbox:MaxRetryDelaySeconds"] = "0.5",
    };

    public ValueTask InitializeAsync()
    {
        App = new ChatCareApplication(settings: Settings(Api));
        Client = App.CreateClient();
        return ValueTask.CompletedTask;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json, string? secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TelegramEndpoints.Path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add(TelegramEndpoints.SecretHeader, secret);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Api.DisposeAsync();
    }
}

public sealed class TelegramTests(TelegramFixture fixture) : IClassFixture<TelegramFixture>
{
    private readonly FakeTelegramBotApi _api = fixture.Api;

    private static string Text(RecordedCall call) => call.Str("text") ?? "";

    private static IReadOnlyList<(string Text, string? Data)> Keyboard(RecordedCall call) =>
        call.Body.TryGetProperty("reply_markup", out var markup)
            ? [.. markup.GetProperty("inline_keyboard").EnumerateArray().SelectMany(row => row.EnumerateArray())
                .Select(b => (b.GetProperty("text").GetString()!, b.TryGetProperty("callback_data", out var d) ? d.GetString() : null))]
            : [];

    [Fact]
    public async Task Start_CallsSetWebhookWithTheSecret_WhenPublicBaseUrlIsSet()
    {
        var calls = await _api.WaitForAsync(c => c.Any(x => x.Name == "setWebhook"));
        var setWebhook = calls.First(c => c.Name == "setWebhook");
        Assert.Equal("https://chatcare.example/api/telegram", setWebhook.Str("url"));
        Assert.Equal(TelegramFixture.Secret, setWebhook.Str("secret_token"));
    }

    [Fact]
    public async Task Greeting_IsSentAsHtmlWithAnInlineKeyboard_AfterATypingAction_STD_G1_G4()
    {
        using var response = await TelegramFixture.PostAsync(fixture.Client, FakeTelegramBotApi.TextUpdate(5001, 9001, "hola", "Ana"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var calls = await _api.WaitForAsync(_ => _api.Sent(9001).Any(c => Keyboard(c).Any(b => b.Text == "Seguir mi pedido")));
        var greeting = _api.Sent(9001)[0];
        Assert.Contains("Soy Sofía", Text(greeting), StringComparison.Ordinal);
        Assert.Equal("html", greeting.Str("parse_mode"), ignoreCase: true);
        var typing = calls.FindIndex(c => c.Name == "sendChatAction" && c.Str("chat_id") == "9001" && c.Str("action") == "typing");
        Assert.InRange(typing, 0, calls.FindIndex(c => c.Name == "sendMessage" && c.Str("chat_id") == "9001"));

        // One chat is one conversation, and the customer's display name is kept.
        var state = await fixture.App.Services.GetRequiredService<IConversationStateStore>().GetAsync("telegram:9001", TestContext.Current.CancellationToken);
        Assert.Equal("Ana", state!.State.Customer!.Name);
    }

    [Fact]
    public async Task FaqAnswer_HasButtons_AndAButtonPress_IsAnsweredAndContinuesTheConversation_STD_F1_F2()
    {
        await TelegramFixture.PostAsync(fixture.Client, FakeTelegramBotApi.TextUpdate(5101, 9002, "hola"));
        await _api.WaitForAsync(_ => _api.Sent(9002).Count > 0);
        var before = _api.Sent(9002).Count;
        await TelegramFixture.PostAsync(fixture.Client, FakeTelegramBotApi.TextUpdate(5102, 9002, "¿cuál es el horario de atención de las tiendas?"));
        await _api.WaitForAsync(_ => _api.Sent(9002).Skip(before).Any(c => Text(c).Contains("¿Esta información resuelve su consulta?", StringComparison.Ordinal)));
        var answer = _api.Sent(9002).Last(c => Text(c).Contains("¿Esta información resuelve su consulta?", StringComparison.Ordinal));
        var yes = Keyboard(answer).Single(b => b.Text == "Sí, gracias");
        Assert.False(string.IsNullOrEmpty(yes.Data));

        await TelegramFixture.PostAsync(fixture.Client, FakeTelegramBotApi.CallbackUpdate(5103, 9002, yes.Data!, "cbq-5103"));
        var calls = await _api.WaitForAsync(_ => _api.Sent(9002).Any(c => Text(c).StartsWith("¡Me alegra haberle ayudado!", StringComparison.Ordinal)));
        Assert.Contains(calls, c => c.Name == "answerCallbackQuery" && c.Str("callback_query_id") == "cbq-5103");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-secret", HttpStatusCode.Forbidden)]
    [InlineData("s3cret-Token_", HttpStatusCode.Forbidden)]
    public async Task WrongOrMissingSecret_IsRefused_AndNothingIsProcessed(string? secret, HttpStatusCode expected)
    {
        var chat = 9003L + (secret?.Length ?? 0);
        using var response = await TelegramFixture.PostAsync(fixture.Client, FakeTelegramBotApi.TextUpdate(5200 + chat, chat, "hola"), secret);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Empty(_api.Sent(chat));
        var state = await fixture.App.Services.GetRequiredService<IConversationStateStore>()
            .GetAsync(TelegramMapper.ConversationIdOf(chat), TestContext.Current.CancellationToken);
        Assert.Null(state);
    }

    [Fact]
    public async Task PhotosDocumentsAndContacts_BecomeAttachments()
    {
        var photo = JsonNode.Parse(FakeTelegramBotApi.TextUpdate(5601, 9006, "x"))!;
        var message = photo["message"]!.AsObject();
        message.Remove("text");
        message["caption"] = "mi boleta";
        message["photo"] = new JsonArray(
            new JsonObject { ["file_id"] = "AgAD-small", ["file_unique_id"] = "u1", ["width"] = 90, ["height"] = 90 },
            new JsonObject { ["file_id"] = "AgAD-big", ["file_unique_id"] = "u2", ["width"] = 800, ["height"] = 600, ["file_size"] = 51234 });
        var document = JsonNode.Parse(FakeTelegramBotApi.TextUpdate(5602, 9006, "x"))!;
        document["message"]!.AsObject().Remove("text");
        document["message"]!["document"] = new JsonObject { ["file_id"] = "BQAD-doc", ["file_unique_id"] = "u3", ["file_name"] = "factura.pdf", ["mime_type"] = "application/pdf" };
        var contact = JsonNode.Parse(FakeTelegramBotApi.TextUpdate(5603, 9006, "x"))!;
        contact["message"]!.AsObject().Remove("text");
        contact["message"]!["contact"] = new JsonObject { ["phone_number"] = "+51987654321", ["first_name"] = "Ana", ["last_name"] = "Pérez", ["user_id"] = 9006 };

        foreach (var update in new[] { photo, document, contact })
        {
            using var response = await TelegramFixture.PostAsync(fixture.Client, update.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var inbound = await Transcripts.InboundAsync(fixture.App, "telegram:9006", 3);
        var image = Assert.Single(inbound[0].Attachments!);
        Assert.Equal("mi boleta", inbound[0].Text);
        Assert.Equal("image/jpeg", image.ContentType);
        Assert.Equal("AgAD-big", image.Content!.Value.GetProperty("fileId").GetString());
        var pdf = Assert.Single(inbound[1].Attachments!);
        Assert.Equal(("application/pdf", "factura.pdf"), (pdf.ContentType, pdf.Name));
        var card = Assert.Single(inbound[2].Attachments!);
        Assert.Equal(ChannelContent.ContactContentType, card.ContentType);
        Assert.Equal("+51987654321", card.Content!.Value.GetProperty("phoneNumber").GetString());
        Assert.Equal("Ana Pérez", card.Name);
    }

    [Fact]
    public async Task MalformedUpdate_Gets400()
    {
        using var response = await TelegramFixture.PostAsync(fixture.Client, "{\"update_id\": \"not a number\"");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RedeliveredUpdate_IsAnsweredOnce()
    {
        var update = FakeTelegramBotApi.TextUpdate(5401, 9004, "hola");
        var responses = await Task.WhenAll(TelegramFixture.PostAsync(fixture.Client, update), TelegramFixture.PostAsync(fixture.Client, update));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _api.WaitForAsync(_ => _api.Sent(9004).Count > 0);
        using var again = await TelegramFixture.PostAsync(fixture.Client, update);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Single(_api.Sent(9004), c => Text(c).Contains("Soy Sofía", StringComparison.Ordinal));
        Assert.Equal(_api.Sent(9004).Count, _api.Sent(9004).Select(Text).Distinct().Count());
    }

    [Fact]
    public async Task TooManyRequests_IsWaitedOutForRetryAfter()
    {
        _api.RetryAfterSeconds = 1;
        _api.RefuseNext(9005, 1);
        await TelegramFixture.PostAsync(fixture.Client, FakeTelegramBotApi.TextUpdate(5501, 9005, "hola"));

        var calls = await _api.WaitForAsync(_ => _api.Sent(9005).Count > 0);
        var refused = calls.Single(c => c.Name == "sendMessage" && !c.Accepted && c.Str("chat_id") == "9005");
        var delivered = _api.Sent(9005)[0];
        Assert.Equal(Text(refused), Text(delivered));
        Assert.True(delivered.At - refused.At >= TimeSpan.FromSeconds(0.9), $"Retried after {(delivered.At - refused.At).TotalSeconds} s");
    }
}

public sealed class TelegramDurabilityTests
{
    [Fact]
    public async Task RepliesInTheOutbox_WhenTheHostCrashes_AreDeliveredAfterTheRestart_ExactlyOnce()
    {
        await using var api = new FakeTelegramBotApi { Down = true };
        string dataDirectory;
        await using (var before = new ChatCareApplication(settings: TelegramFixture.Settings(api)))
        {
            dataDirectory = before.DataDirectory;
            using var response = await TelegramFixture.PostAsync(before.CreateClient(), FakeTelegramBotApi.TextUpdate(6001, 9201, "hola"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The Bot API is down: the reply is tried (and fails) at least twice, then the host goes away without draining.
            await api.WaitForAsync(c => c.Count(x => x.Name == "sendMessage" && !x.Accepted) >= 2);
        }
        api.Down = false;
        Assert.Empty(api.Sent(9201));

        await using var after = new ChatCareApplication(dataDirectory, TelegramFixture.Settings(api));
        after.CreateClient();
        await api.WaitForAsync(_ => api.Sent(9201).Count > 0);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var delivered = api.Sent(9201).Select(c => c.Str("text")).ToList();
        Assert.Single(delivered, t => t!.Contains("Soy Sofía", StringComparison.Ordinal));
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        var outbox = await after.Services.GetRequiredService<IChannelOutbox>().ListAsync("telegram", "telegram:9201", TestContext.Current.CancellationToken);
        Assert.All(outbox, m => Assert.Equal(OutboxState.Sent, m.State));
        Assert.Equal(delivered.Count, outbox.Count);
    }

    [Fact]
    public async Task UpdatesStoredButNotProcessed_AreProcessedAtStart()
    {
        await using var api = new FakeTelegramBotApi();
        var dataDirectory = Directory.CreateTempSubdirectory("chatcare-it-").FullName;
        using (var database = new ChatCareDatabase(Options.Create(new ChatCareOptions { DataDirectory = dataDirectory })))
        {
            var stored = await new LiteDbChannelInbox(database).TryAddAsync(new NewInboxItem("telegram", "6101", "telegram:9301", InboxKinds.CustomerMessage,
                FakeTelegramBotApi.TextUpdate(6101, 9301, "hola"), DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
            Assert.True(stored);
        }

        await using var app = new ChatCareApplication(dataDirectory, TelegramFixture.Settings(api));
        app.CreateClient();
        await api.WaitForAsync(_ => api.Sent(9301).Count > 0);
        Assert.Contains("Soy Sofía", api.Sent(9301)[0].Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollingMode_DeletesTheWebhook_ThenConfirmsEachUpdateWithTheNextOffset()
    {
        await using var api = new FakeTelegramBotApi();
        api.QueueUpdate(FakeTelegramBotApi.TextUpdate(7001, 9101, "hola"));
        await using var app = new ChatCareApplication(settings: TelegramFixture.Settings(api, "Polling"));
        var client = app.CreateClient();

        await api.WaitForAsync(_ => api.Sent(9101).Count > 0);
        var calls = await api.WaitForAsync(c => c.Any(x => x.Name == "getUpdates" && x.Str("offset") == "7002"));
        Assert.True(calls.FindIndex(c => c.Name == "deleteWebhook") < calls.FindIndex(c => c.Name == "getUpdates"));
        Assert.DoesNotContain(calls, c => c.Name == "setWebhook");

        // A second update arrives on the next poll; the first, still returned by the fake, is not answered again.
        api.QueueUpdate(FakeTelegramBotApi.TextUpdate(7002, 9101, "¿cuál es el horario de atención de las tiendas?"));
        await api.WaitForAsync(c => c.Any(x => x.Name == "getUpdates" && x.Str("offset") == "7003"));
        await api.WaitForAsync(_ => api.Sent(9101).Any(c => c.Str("text")!.Contains("¿Esta información resuelve su consulta?", StringComparison.Ordinal)));
        Assert.Single(api.Sent(9101), c => c.Str("text")!.Contains("Soy Sofía", StringComparison.Ordinal));

        // The webhook is not served in polling mode.
        using var webhook = await TelegramFixture.PostAsync(client, FakeTelegramBotApi.TextUpdate(7010, 9101, "hola"));
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
    }

    [Fact]
    public void Markdown_BecomesTelegramHtml()
    {
        var html = TelegramHtml.FromMarkdown("Los pedidos llegan en **1 a 2 días** <pronto> & *seguro*.\n\n- Lima\n- Callao\n\n[Ver](https://x.example/?a=1&b=2)");
        Assert.Equal("Los pedidos llegan en <b>1 a 2 días</b> &lt;pronto&gt; &amp; <i>seguro</i>.\n\n• Lima\n• Callao\n\n<a href=\"https://x.example/?a=1&amp;b=2\">Ver</a>", html);
    }
}
