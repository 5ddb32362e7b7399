using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatCare.Bot.IntegrationTests.Staff;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Bot.IntegrationTests.Complaints;

/// <summary>The staff complaints API with real sign-in (<c>agents add</c>, <c>POST /api/agent/login</c>) (STD-C2, STD-C3).</summary>
public sealed class ComplaintsApiTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("chatcare-complaints-api-").FullName;
    private readonly RecordingChannel _channel = new();
    private ChatCareApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await StaffClient.AddAsync(_dataDirectory, "ana", "Ana Torres", "agent");
        _app = new ChatCareApplication(_dataDirectory, services: s => s.AddSingleton<IChannelAdapter>(_channel));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WithoutAToken_TheApiIs401()
    {
        using var response = await _app.CreateClient().GetAsync("/api/complaints", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Staff_ListFilterGetChangeStatusAndAnswer_TheAnswerReachesTheCustomersChannel()
    {
        var flow = ComplaintFlow.Spanish();
        var customer = new BotClient(_app.CreateClient(), channelId: RecordingChannel.Id);
        var (_, code) = await flow.FileAsync(customer);
        using var staff = StaffClient.As(_app, await StaffClient.LoginAsync(_app.CreateClient(), "ana"));

        var received = await staff.GetFromJsonAsync<JsonElement>("/api/complaints?status=received&kind=reclamo", Ct);
        Assert.Equal(code, received[0].GetProperty("code").GetString());
        Assert.Equal(0, (await staff.GetFromJsonAsync<JsonElement>("/api/complaints?status=closed", Ct)).GetArrayLength());

        using var progress = await staff.PostAsJsonAsync($"/api/complaints/{code}/status", new { status = "in_progress", note = "Pedimos fotos al almacén" }, Ct);
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        var one = await staff.GetFromJsonAsync<JsonElement>($"/api/complaints/{code}", Ct);
        Assert.Equal("in_progress", one.GetProperty("status").GetString());
        Assert.Equal(flow.Email, one.GetProperty("fields").GetProperty("email").GetString());
        var last = one.GetProperty("events").EnumerateArray().Last();
        Assert.Equal(("ana", "status_changed"), (last.GetProperty("by").GetString(), last.GetProperty("type").GetString()));

        using var answer = await staff.PostAsJsonAsync($"/api/complaints/{code}/answer", new { text = "Le cambiaremos el par en la tienda de Lince." }, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var result = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(result.GetProperty("delivered").GetBoolean());
        Assert.Equal("answered", result.GetProperty("complaint").GetProperty("status").GetString());

        // Delivered proactively through the adapter of the complaint's channel, to the customer's conversation.
        var (to, sent) = Assert.Single(_channel.Sent);
        Assert.Equal((customer.ConversationId, "user-1"), (to.ConversationId, to.User?.Id));
        Assert.Equal($"Respuesta a su reclamo {code}: Le cambiaremos el par en la tienda de Lince.", Assert.Single(sent).Text);

        // And the customer reads it by status query.
        var asker = new BotClient(_app.CreateClient());
        await asker.JoinAsync();
        await asker.SayAsync(code);
        var status = BotClient.Text(await asker.SayAsync(flow.IdNumber));
        Assert.Contains("respondido", status, StringComparison.Ordinal);
        Assert.Contains("Le cambiaremos el par", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/complaints?status=lost")]
    [InlineData("/api/complaints?kind=grito")]
    [InlineData("/api/complaints?limit=0")]
    public async Task BadFilters_Are400ProblemDetails(string url)
    {
        using var staff = StaffClient.As(_app, await StaffClient.LoginAsync(_app.CreateClient(), "ana"));
        using var response = await staff.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BadBodiesAndUnknownCodes_Are4xx()
    {
        using var staff = StaffClient.As(_app, await StaffClient.LoginAsync(_app.CreateClient(), "ana"));
        using var unknown = await staff.GetAsync("/api/complaints/R-2026-999999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var badStatus = await staff.PostAsJsonAsync("/api/complaints/R-2026-999999/status", new { status = "lost" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        using var malformed = await staff.PostAsync("/api/complaints/R-2026-999999/answer", BotClient.Json("{\"text\":"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var empty = await staff.PostAsJsonAsync("/api/complaints/R-2026-999999/answer", new { text = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var answerUnknown = await staff.PostAsJsonAsync("/api/complaints/R-2026-999999/answer", new { text = "Hola" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, answerUnknown.StatusCode);
    }

    /// <summary>A channel whose outbound messages are recorded instead of sent to a remote API.</summary>
    private sealed class RecordingChannel : IChannelAdapter
    {
        public const string Id = "recording";

        public System.Collections.Concurrent.ConcurrentQueue<(ConversationReference To, IReadOnlyList<Activity> Activities)> Sent { get; } = new();

        public string ChannelId => Id;

        public ChannelCapabilities Capabilities => ChannelCapabilities.Full;

        public Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
        {
            Sent.Enqueue((to, activities));
            return Task.CompletedTask;
        }
    }
}
