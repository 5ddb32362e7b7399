using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCare.Bot.IntegrationTests.Messaging;

/// <summary>A remote API faked on 127.0.0.1 with Kestrel; it records every request it receives.</summary>
public abstract class LoopbackFake : IAsyncDisposable
{
    private readonly WebApplication _app;

    protected LoopbackFake()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        Map(_app);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>Where the fake listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    protected abstract void Map(WebApplication app);

    protected async Task<JsonElement> RecordAsync(string name, Microsoft.AspNetCore.Http.HttpRequest request, bool accepted)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        Calls.Enqueue(new RecordedCall(name, body, request.Headers.Authorization.ToString(), accepted, DateTimeOffset.UtcNow));
        return body;
    }

    /// <summary>Waits until <paramref name="condition"/> holds on the calls, or fails after <paramref name="seconds"/>.</summary>
    public async Task<List<RecordedCall>> WaitForAsync(Func<IReadOnlyList<RecordedCall>, bool> condition, double seconds = 20)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var calls = Calls.ToList();
            if (condition(calls))
            {
                return calls;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out; the fake received: {string.Join(" | ", calls.Select(c => c.Name + " " + c.Body))}");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>One request to a fake.</summary>
/// <param name="Name">Method (Telegram) or kind (Graph).</param>
/// <param name="Body">JSON body.</param>
/// <param name="Authorization">Authorization header.</param>
/// <param name="Accepted">Whether the fake answered success.</param>
/// <param name="At">When it arrived.</param>
public sealed record RecordedCall(string Name, JsonElement Body, string Authorization, bool Accepted, DateTimeOffset At)
{
    public string? Str(string property) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(property, out var v)
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;
}
