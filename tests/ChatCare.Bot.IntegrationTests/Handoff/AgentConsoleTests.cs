using System.Net;
using System.Text.Json;
using ChatCare.Bot.IntegrationTests.Staff;
using Microsoft.AspNetCore.SignalR.Client;
using static ChatCare.Bot.IntegrationTests.Handoff.HandoffHost;

namespace ChatCare.Bot.IntegrationTests.Handoff;

/// <summary>The console's live channel (SignalR hub with the official .NET client) and its static files.</summary>
public sealed class AgentConsoleTests
{
    [Fact]
    public async Task Hub_PushesQueueChanges_AndCustomerMessages_WithoutPolling() // STD-H3, H4
    {
        await using var host = await StartAsync();
        var token = await StaffClient.LoginAsync(host.App.CreateClient(), "luis");
        var queueChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var customerWrote = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.App.CreateClient().BaseAddress!, "/hubs/agent"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On("queueChanged", () => queueChanged.TrySetResult());
        hub.On<JsonElement>("conversationChanged", change =>
        {
            if (change.GetProperty("change").GetString() == "customer_message")
            {
                customerWrote.TrySetResult(change);
            }
        });
        await hub.StartAsync(Ct);

        // The open console alone makes the agent available: the request is queued, not refused.
        var customer = await host.CustomerAsync();
        Assert.Contains("Su lugar en la fila es el 1", Customer.Texts(await customer.SayAsync("quiero hablar con un asesor")), StringComparison.Ordinal);
        await queueChanged.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        using var agent = StaffClient.As(host.App, token);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/agent/conversations/{customer.ConversationId}/accept", null, Ct)).StatusCode);
        await customer.SayAsync("mi pedido es el 12345");
        var change = await customerWrote.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(customer.ConversationId, change.GetProperty("conversationId").GetString());
        Assert.Equal("mi pedido es el 12345", change.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Hub_RefusesAConnectionWithoutAValidToken()
    {
        await using var host = await StartAsync();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.App.CreateClient().BaseAddress!, "/hubs/agent"), o => o.AccessTokenProvider = () => Task.FromResult<string?>("forged"))
            .Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("/agent/", "text/html", "agent.js")]
    [InlineData("/agent/agent.js", "text/javascript", "HubConnectionBuilder")]
    [InlineData("/lib/signalr/signalr.min.js", "text/javascript", "HubConnectionBuilder")]
    public async Task TheConsole_IsServedAtSlashAgent(string path, string mediaType, string content)
    {
        await using var host = await StartAsync();
        using var response = await host.App.CreateClient().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
