using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ChatCare.Core.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>Without expectReplies, replies are posted to the caller's serviceUrl (here a fake connector on loopback).</summary>
public sealed class ServiceUrlTests
{
    [Fact]
    public async Task NormalDelivery_PostsRepliesToServiceUrlConversationActivities()
    {
        var ct = TestContext.Current.CancellationToken;
        var received = new ConcurrentQueue<(string Path, Activity Activity)>();
        var connectorBuilder = WebApplication.CreateSlimBuilder();
        connectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var connector = connectorBuilder.Build();
        connector.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", async (HttpRequest request) =>
        {
            var activity = await request.ReadFromJsonAsync(ActivityJson.Context.Activity);
            received.Enqueue((request.Path.Value!, activity!));
            return Results.Ok(new { id = Guid.NewGuid().ToString() });
        });
        await connector.StartAsync(ct);
        var serviceUrl = connector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        using var app = new ChatCareApplication();
        using var response = await app.CreateClient().PostAsJsonAsync("/api/messages", new Activity
        {
            Type = ActivityTypes.Message, Id = "m1", Text = "hola", ChannelId = "emulator", ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount("conv 1"), From = new ChannelAccount("u1"), Recipient = new ChannelAccount("bot"),
        }, ActivityJson.Context.Activity, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        for (var i = 0; i < 100 && received.Count(r => r.Activity.IsMessage) < 2; i++)
        {
            await Task.Delay(50, ct);
        }
        var messages = received.Where(r => r.Activity.IsMessage).ToList();
        Assert.True(messages.Count >= 2, $"received {received.Count} activities");
        Assert.Equal("/v3/conversations/conv 1/activities/m1", messages[0].Path); // the path as decoded by the receiving server
        Assert.StartsWith("¡Buenos días!", messages[0].Activity.Text, StringComparison.Ordinal);
    }
}
