using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatCare.Channels.Messaging;
using ChatCare.Channels.WhatsApp;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Bot.IntegrationTests.Messaging;

/// <summary>The WhatsApp channel: the real host and its HTTP client against a fake Graph API on loopback.</summary>
public sealed class WhatsAppFixture : IAsyncLifetime
{
    public const string VerifyToken = "verify-me-please";
    public const string AppSecret = "app-secret-0123456789";

    /// <summary>The test clock's "now" (2026-03-10 15:00 UTC) as Meta's Unix-seconds timestamp.</summary>
    public static readonly long Now = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public FakeGraphApi Graph { get; } = new();

    public ChatCareApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static Dictionary<string, string?> Settings(FakeGraphApi graph) => new()
    {
        ["ChatCare:Channels:WhatsApp:VerifyToken"] = VerifyToken,
        ["ChatCare:Channels:WhatsApp:AppSecret"] = AppSecret,
        ["ChatCare:Channels:WhatsApp:GraphApiBaseUrl"] = graph.BaseUrl,
        ["ChatCare:Channels:WhatsApp:GraphApiVersion"] = FakeGraphApi.Version,
        ["ChatCare:Channels:WhatsApp:PhoneNumberId"] = FakeGraphApi.PhoneNumberId,
        ["ChatCare:Channels:WhatsApp:AccessToken"] = FakeGraphApi.AccessToken,
        ["ChatCare:Channels:WhatsApp:ReengagementTemplate:Name"] = "chatcare_follow_up",
        ["ChatCare:Channels:WhatsApp:ReengagementTemplate:Languages:es"] = "es",
        ["ChatCare:Channels:WhatsApp:ReengagementTemplate:Languages:en"] = "en_US",
        ["ChatCare:Channels:WhatsApp:ReengagementTemplate:TextParameter"] = "true",
        ["ChatCare:Channels:Outbox:InitialRetryDelaySeconds"] = "0.2",
        ["ChatCare:Channels:Outbox:MaxRetryDelaySeconds"] = "0.5",
    };

    public ValueTask InitializeAsync()
    {
        App = new ChatCareApplication(settings: Settings(Graph));
        Client = App.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>A notification carrying one message from <paramref name="waId"/>.</summary>
    public static JsonObject Notification(string waId, JsonObject message, string name = "Lucía Quispe") => Envelope(new JsonObject
    {
        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = name }, ["wa_id"] = waId }),
        ["messages"] = new JsonArray(message),
    });

    /// <summary>A notification carrying only statuses.</summary>
    public static JsonObject Statuses(params JsonObject[] statuses) => Envelope(new JsonObject { ["statuses"] = new JsonArray(statuses) });

    public static JsonObject TextMessage(string wamid, string waId, string text, long? timestamp = null) => new()
    {
        ["from"] = waId, ["id"] = wamid, ["timestamp"] = (timestamp ?? Now).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
    };

    public static JsonObject ReplyMessage(string wamid, string waId, string kind, string id, string title) => new()
    {
        ["from"] = waId, ["id"] = wamid, ["timestamp"] = Now.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = "interactive",
        ["interactive"] = new JsonObject { ["type"] = kind, [kind] = new JsonObject { ["id"] = id, ["title"] = title } },
    };

    public static JsonObject Status(string wamid, string waId, string status, int? errorCode = null)
    {
        var value = new JsonObject
        {
            ["id"] = wamid, ["status"] = status, ["timestamp"] = Now.ToString(System.Globalization.CultureInfo.InvariantCulture), ["recipient_id"] = waId,
        };
        if (errorCode is { } code)
        {
            value["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = code, ["title"] = "Re-engagement message",
                ["error_data"] = new JsonObject { ["details"] = "More than 24 hours have passed since the recipient last replied to the sender number." },
            });
        }
        return value;
    }

    private static JsonObject Envelope(JsonObject value)
    {
        value["messaging_product"] = "whatsapp";
        value["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = FakeGraphApi.PhoneNumberId };
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "messages", ["value"] = value }),
            }),
        };
    }

    /// <summary>Meta's signature, computed here independently of the production code.</summary>
    public static string Sign(byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), body));

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject notification) =>
        PostAsync(client, Encoding.UTF8.GetBytes(notification.ToJsonString()));

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string? signature = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature.Length == 0 ? Sign(body) : signature);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

public sealed class WhatsAppTests(WhatsAppFixture fixture) : IClassFixture<WhatsAppFixture>
{
    private readonly FakeGraphApi _graph = fixture.Graph;

    /// <summary>The text a customer sees: a text body or an interactive message's body.</summary>
    private static string Body(RecordedCall call) =>
        call.Body.TryGetProperty("text", out var text) ? text.GetProperty("body").GetString()!
        : call.Body.TryGetProperty("interactive", out var interactive) ? interactive.GetProperty("body").GetProperty("text").GetString()!
        : "";

    /// <summary>The options of an interactive message: (kind, id, title).</summary>
    private static IReadOnlyList<(string Kind, string Id, string Title)> Options(RecordedCall call)
    {
        if (!call.Body.TryGetProperty("interactive", out var interactive))
        {
            return [];
        }
        return interactive.GetProperty("type").GetString() == "button"
            ? [.. interactive.GetProperty("action").GetProperty("buttons").EnumerateArray()
                .Select(b => ("button_reply", b.GetProperty("reply").GetProperty("id").GetString()!, b.GetProperty("reply").GetProperty("title").GetString()!))]
            : [.. interactive.GetProperty("action").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("rows").EnumerateArray())
                .Select(r => ("list_reply", r.GetProperty("id").GetString()!, r.GetProperty("title").GetString()!))];
    }

    private static string? TemplateText(RecordedCall call) =>
        call.Body.TryGetProperty("template", out var template) && template.TryGetProperty("components", out var components)
            ? components[0].GetProperty("parameters")[0].GetProperty("text").GetString()
            : null;

    /// <summary>The conversation's first message once the outbox has marked it sent (just after the Graph API answered).</summary>
    private static async Task<OutboxRecord> FirstSentAsync(IChannelOutbox outbox, string waId)
    {
        for (var i = 0; ; i++)
        {
            var records = await outbox.ListAsync("whatsapp", "whatsapp:" + waId, TestContext.Current.CancellationToken);
            if (records.FirstOrDefault(m => m.State == OutboxState.Sent) is { } sent)
            {
                return sent;
            }
            Assert.True(i < 100, "No message was marked sent.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task VerificationGet_EchoesTheChallengeAsPlainText_OnlyWithTheRightToken()
    {
        using var ok = await fixture.Client.GetAsync(
            $"{WhatsAppEndpoints.Path}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={WhatsAppFixture.VerifyToken}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var wrong = await fixture.Client.GetAsync(
            $"{WhatsAppEndpoints.Path}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task Greeting_MarksTheMessageRead_AndOffersTheMenuAsAList_STD_G1_G4()
    {
        using var response = await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification("51987000001", WhatsAppFixture.TextMessage("wamid.in.1", "51987000001", "hola")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var calls = await _graph.WaitForAsync(_ => _graph.Sent("+51987000001").Any(c => Options(c).Count > 0));
        Assert.Contains(calls, c => c.Name == "read" && c.Str("message_id") == "wamid.in.1" && c.Body.TryGetProperty("typing_indicator", out _));
        Assert.Contains("Soy Sofía", Body(_graph.Sent("+51987000001")[0]), StringComparison.Ordinal);
        var menu = _graph.Sent("+51987000001").First(c => Options(c).Count > 0);
        var interactive = menu.Body.GetProperty("interactive");
        Assert.Equal("list", interactive.GetProperty("type").GetString());
        Assert.Equal("Ver opciones", interactive.GetProperty("action").GetProperty("button").GetString());
        Assert.Contains(Options(menu), o => o.Title == "Seguir mi pedido");
        Assert.All(Options(menu), o => Assert.InRange(o.Title.Length, 1, 24));
        Assert.InRange(Options(menu).Count, 4, 10);
    }

    [Fact]
    public async Task FaqAnswer_HasOptions_AndChoosingOne_ContinuesTheConversation_STD_F1_F2()
    {
        const string waId = "51987000002";
        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId, WhatsAppFixture.TextMessage("wamid.in.21", waId, "hola")));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Any(c => Options(c).Count > 0));
        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId,
            WhatsAppFixture.TextMessage("wamid.in.22", waId, "¿cuál es el horario de atención de las tiendas?")));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Any(c => Body(c).Contains("¿Esta información resuelve su consulta?", StringComparison.Ordinal)));

        var answer = _graph.Sent("+" + waId).Last(c => Options(c).Any(o => o.Title == "Sí, gracias"));
        Assert.Contains("¿Esta información resuelve su consulta?", Body(answer), StringComparison.Ordinal);
        var yes = Options(answer).Single(o => o.Title == "Sí, gracias");
        if (Options(answer).Count <= 3)
        {
            Assert.All(Options(answer), o => Assert.InRange(o.Title.Length, 1, 20));
        }

        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId, WhatsAppFixture.ReplyMessage("wamid.in.23", waId, yes.Kind, yes.Id, yes.Title)));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Any(c => Body(c).StartsWith("¡Me alegra haberle ayudado!", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.Forbidden)]
    [InlineData("sha1=abc", HttpStatusCode.Forbidden)]
    public async Task WrongOrMissingSignature_IsRefused_AndNothingIsProcessed(string? signature, HttpStatusCode expected)
    {
        var waId = "5198700003" + (signature?.Length ?? 0) % 10;
        var body = Encoding.UTF8.GetBytes(WhatsAppFixture.Notification(waId, WhatsAppFixture.TextMessage("wamid.in.3" + waId, waId, "hola")).ToJsonString());
        using var response = await WhatsAppFixture.PostAsync(fixture.Client, body, signature);
        Assert.Equal(expected, response.StatusCode);

        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(_graph.Calls, c => c.Str("to") == "+" + waId || c.Str("message_id") == "wamid.in.3" + waId);
    }

    [Fact]
    public async Task PrettyPrintedAndMinifiedPayloads_BothVerify_OverTheirExactBytes_EvenWithAccentsEmojiAndAt()
    {
        const string text = "¿Cuánto demora el envío a Piura? 😀 @tienda";
        var pretty = Encoding.UTF8.GetBytes(WhatsAppFixture.Notification("51987000041", WhatsAppFixture.TextMessage("wamid.in.41", "51987000041", text))
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var minified = Encoding.UTF8.GetBytes(WhatsAppFixture.Notification("51987000042", WhatsAppFixture.TextMessage("wamid.in.42", "51987000042", text))
            .ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        Assert.Contains((byte)'\n', pretty);
        Assert.Contains("\\u00BF", Encoding.UTF8.GetString(minified), StringComparison.Ordinal); // escaped, as Meta sends it

        using (var prettyResponse = await WhatsAppFixture.PostAsync(fixture.Client, pretty))
        using (var minifiedResponse = await WhatsAppFixture.PostAsync(fixture.Client, minified))
        {
            Assert.Equal(HttpStatusCode.OK, prettyResponse.StatusCode);
            Assert.Equal(HttpStatusCode.OK, minifiedResponse.StatusCode);
        }
        await _graph.WaitForAsync(_ => _graph.Sent("+51987000041").Count > 0 && _graph.Sent("+51987000042").Count > 0);

        // The same content re-serialised is not what was signed: a signature must cover the bytes as sent.
        var reserialised = Encoding.UTF8.GetBytes(JsonNode.Parse(pretty)!.ToJsonString());
        using var mismatch = await WhatsAppFixture.PostAsync(fixture.Client, reserialised, WhatsAppFixture.Sign(pretty));
        Assert.Equal(HttpStatusCode.Forbidden, mismatch.StatusCode);
    }

    [Fact]
    public async Task LocationsImagesAndDocuments_BecomeAttachments()
    {
        const string waId = "51987000010";
        var location = WhatsAppFixture.TextMessage("wamid.in.101", waId, "");
        location.Remove("text");
        location["type"] = "location";
        location["location"] = new JsonObject { ["latitude"] = -12.0464, ["longitude"] = -77.0428, ["name"] = "Tienda Centro", ["address"] = "Jr. de la Unión 100" };
        var image = WhatsAppFixture.TextMessage("wamid.in.102", waId, "");
        image.Remove("text");
        image["type"] = "image";
        image["image"] = new JsonObject { ["id"] = "media-1", ["mime_type"] = "image/jpeg", ["sha256"] = "abc", ["caption"] = "mi pedido llegó así" };
        var document = WhatsAppFixture.TextMessage("wamid.in.103", waId, "");
        document.Remove("text");
        document["type"] = "document";
        document["document"] = new JsonObject { ["id"] = "media-2", ["mime_type"] = "application/pdf", ["filename"] = "boleta.pdf" };

        foreach (var message in new[] { location, image, document })
        {
            using var response = await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId, message));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var inbound = await Transcripts.InboundAsync(fixture.App, "whatsapp:" + waId, 3);
        var place = Assert.Single(inbound[0].Attachments!);
        Assert.Equal(ChannelContent.LocationContentType, place.ContentType);
        Assert.Equal(-12.0464, place.Content!.Value.GetProperty("latitude").GetDouble());
        Assert.Equal("Tienda Centro", place.Name);
        Assert.Equal("mi pedido llegó así", inbound[1].Text);
        Assert.Equal("media-1", inbound[1].Attachments![0].Content!.Value.GetProperty("fileId").GetString());
        Assert.Equal(("application/pdf", "boleta.pdf"), (inbound[2].Attachments![0].ContentType, inbound[2].Attachments![0].Name));
        Assert.Equal("Lucía Quispe", inbound[0].From!.Name);
    }

    [Fact]
    public async Task RedeliveredMessage_IsAnsweredOnce()
    {
        const string waId = "51987000005";
        var body = Encoding.UTF8.GetBytes(WhatsAppFixture.Notification(waId, WhatsAppFixture.TextMessage("wamid.in.5", waId, "hola")).ToJsonString());
        var responses = await Task.WhenAll(WhatsAppFixture.PostAsync(fixture.Client, body), WhatsAppFixture.PostAsync(fixture.Client, body));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Any(c => Options(c).Count > 0));
        using var again = await WhatsAppFixture.PostAsync(fixture.Client, body);

        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Single(_graph.Sent("+" + waId), c => Body(c).Contains("Soy Sofía", StringComparison.Ordinal));
        Assert.Single(_graph.Calls, c => c.Name == "read" && c.Str("message_id") == "wamid.in.5");
    }

    [Fact]
    public async Task Statuses_AreRecordedOnTheSentMessage_AndNeverDowngraded()
    {
        const string waId = "51987000006";
        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId, WhatsAppFixture.TextMessage("wamid.in.6", waId, "hola")));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Count > 0);
        var outbox = fixture.App.Services.GetRequiredService<IChannelOutbox>();
        var sent = await FirstSentAsync(outbox, waId);

        // Out of order, in a statuses-only payload: read, then the late delivered.
        using var read = await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Statuses(WhatsAppFixture.Status(sent.RemoteId!, waId, "read")));
        using var delivered = await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Statuses(WhatsAppFixture.Status(sent.RemoteId!, waId, "delivered")));
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        OutboxRecord record;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            record = (await outbox.ListAsync("whatsapp", "whatsapp:" + waId, TestContext.Current.CancellationToken)).Single(m => m.Id == sent.Id);
        }
        while (record.Delivery != DeliveryStatus.Read && DateTimeOffset.UtcNow < deadline);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        record = (await outbox.ListAsync("whatsapp", "whatsapp:" + waId, TestContext.Current.CancellationToken)).Single(m => m.Id == sent.Id);
        Assert.Equal(DeliveryStatus.Read, record.Delivery);
    }

    [Fact]
    public async Task OutsideThe24HourWindow_OnlyTheConfiguredTemplateIsSent()
    {
        const string waId = "51987000007";
        // The customer last wrote 25 hours ago (a replay of an old message, e.g. after an outage).
        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId,
            WhatsAppFixture.TextMessage("wamid.in.7", waId, "hola", WhatsAppFixture.Now - 25 * 3600)));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Count > 0);

        // A proactive message (an agent's answer) goes through the same outbox and the same rule.
        await fixture.App.Services.GetRequiredService<IProactiveMessenger>().SendAsync(
            new ConversationReference("whatsapp", "whatsapp:" + waId, null, null, null),
            [new Activity { Type = ActivityTypes.Message, Text = "Su pedido ya salió.", Locale = "es" }], TestContext.Current.CancellationToken);
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Any(c => TemplateText(c) == "Su pedido ya salió."));

        await Task.Delay(500, TestContext.Current.CancellationToken);
        var sent = _graph.Sent("+" + waId);
        Assert.All(sent, c => Assert.Equal("template", c.Str("type")));
        var template = sent[^1].Body.GetProperty("template");
        Assert.Equal("chatcare_follow_up", template.GetProperty("name").GetString());
        Assert.Equal("es", template.GetProperty("language").GetProperty("code").GetString());
        Assert.Equal("Su pedido ya salió.", TemplateText(sent[^1]));
    }

    [Fact]
    public async Task Error131047_FromTheSend_SendsTheTemplateInstead_WithoutRetryingTheMessage()
    {
        const string waId = "51987000008";
        _graph.FailNext("+" + waId, 131047);
        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId, WhatsAppFixture.TextMessage("wamid.in.8", waId, "hola")));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Any(c => c.Str("type") == "template"));
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        var attempts = _graph.Calls.Where(c => c.Name == "message" && c.Str("to") == "+" + waId).ToList();
        var refused = Assert.Single(attempts, c => !c.Accepted);
        Assert.NotEqual("template", refused.Str("type"));
        Assert.DoesNotContain(attempts.Where(c => c.Accepted && c.Str("type") != "template"), c => Body(c) == Body(refused));
    }

    [Fact]
    public async Task FailedStatus131047_QueuesTheTemplate()
    {
        const string waId = "51987000009";
        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Notification(waId, WhatsAppFixture.TextMessage("wamid.in.9", waId, "hola")));
        await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Count > 0);
        var outbox = fixture.App.Services.GetRequiredService<IChannelOutbox>();
        var first = await FirstSentAsync(outbox, waId);

        await WhatsAppFixture.PostAsync(fixture.Client, WhatsAppFixture.Statuses(WhatsAppFixture.Status(first.RemoteId!, waId, "failed", 131047)));
        var calls = await _graph.WaitForAsync(_ => _graph.Sent("+" + waId).Any(c => c.Str("type") == "template"));
        var template = calls.Last(c => c.Str("type") == "template" && c.Str("to") == "+" + waId);
        Assert.Contains("Soy Sofía", TemplateText(template), StringComparison.Ordinal);
    }
}

public sealed class WhatsAppDurabilityTests
{
    [Fact]
    public async Task RepliesInTheOutbox_WhenTheHostCrashes_AreDeliveredAfterTheRestart_ExactlyOnce()
    {
        const string waId = "51987000100";
        await using var graph = new FakeGraphApi { Down = true };
        string dataDirectory;
        await using (var before = new ChatCareApplication(settings: WhatsAppFixture.Settings(graph)))
        {
            dataDirectory = before.DataDirectory;
            using var response = await WhatsAppFixture.PostAsync(before.CreateClient(),
                WhatsAppFixture.Notification(waId, WhatsAppFixture.TextMessage("wamid.in.100", waId, "hola")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await graph.WaitForAsync(c => c.Count(x => x.Name == "message" && !x.Accepted) >= 2);
        }
        graph.Down = false;
        Assert.Empty(graph.Sent("+" + waId));

        await using var after = new ChatCareApplication(dataDirectory, WhatsAppFixture.Settings(graph));
        after.CreateClient();
        await graph.WaitForAsync(_ => graph.Sent("+" + waId).Count >= 2);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var delivered = graph.Sent("+" + waId).Select(c => c.Body.GetRawText()).ToList();
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        var outbox = await after.Services.GetRequiredService<IChannelOutbox>().ListAsync("whatsapp", "whatsapp:" + waId, TestContext.Current.CancellationToken);
        Assert.All(outbox, m => Assert.Equal(OutboxState.Sent, m.State));
        Assert.Equal(delivered.Count, outbox.Count);
        // The inbound message was processed once: one read receipt in all.
        Assert.Single(graph.Calls, c => c.Name == "read");
    }
}
