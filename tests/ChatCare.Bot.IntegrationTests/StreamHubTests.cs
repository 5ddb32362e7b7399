using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using ChatCare.Bot.Stores;
using ChatCare.Channels.DirectLine;
using ChatCare.Core.Activities;
using ChatCare.Core.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>The Direct Line stream over a real WebSocket (a loopback TCP pair) and the real LiteDB history.</summary>
public sealed class StreamHubTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcare-hub-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ActivitiesPublishedOutOfOrder_ReachTheSocketInOrder_WithoutAGap()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new ChatCareDatabase(Options.Create(new ChatCareOptions { DataDirectory = _directory }));
        var log = new LiteDbDirectLineActivityLog(database);
        await log.CreateConversationAsync("s1", "u1", DateTimeOffset.UnixEpoch, ct);
        await log.AppendAsync("s1", [Message("cero")], Stamp, ct);
        var hub = new StreamHub(log, NullLogger<StreamHub>.Instance);
        var (server, client) = await WebSocketPairAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var serving = hub.RunAsync(server, "s1", afterSequence: 0, stop.Token);

        Assert.Equal(["cero"], Texts(await ReceiveAsync(client, ct)));
        // A typing indicator only travels live: once it arrives, the replay is over and the stream is live.
        hub.PublishTransient("s1", new Activity { Type = ActivityTypes.Typing });
        Assert.Equal(ActivityTypes.Typing, (await ReceiveAsync(client, ct)).Activities.Single().Type);

        // Two appends whose publishing overtakes each other: #3 reaches the hub before #2.
        var second = await log.AppendAsync("s1", [Message("uno")], Stamp, ct);
        var third = await log.AppendAsync("s1", [Message("dos")], Stamp, ct);
        hub.Publish("s1", third);
        hub.Publish("s1", second);

        var received = new List<string>();
        string? watermark = null;
        while (received.Count < 2)
        {
            var frame = await ReceiveAsync(client, ct);
            received.AddRange(Texts(frame));
            watermark = frame.Watermark ?? watermark;
        }
        Assert.Equal(["uno", "dos"], received);
        Assert.Equal("3", watermark);

        await stop.CancelAsync();
        await serving;
    }

    private static Activity Stamp(long sequence, Activity activity) => activity with { Id = $"s1|{sequence:D7}" };

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static IEnumerable<string> Texts(ActivitySet frame) => frame.Activities.Select(a => a.Text!);

    private static async Task<ActivitySet> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return JsonSerializer.Deserialize(buffer.AsSpan(0, length), DirectLineJsonContext.Default.ActivitySet)!;
    }

    private static async Task<(WebSocket Server, WebSocket Client)> WebSocketPairAsync(CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = new TcpClient();
        await connecting.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, ct);
        var accepted = await listener.AcceptTcpClientAsync(ct);
        return (WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true }),
            WebSocket.CreateFromStream(connecting.GetStream(), new WebSocketCreationOptions { IsServer = false }));
    }
}
