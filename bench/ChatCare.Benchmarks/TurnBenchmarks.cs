using BenchmarkDotNet.Attributes;
using ChatCare.Bot.Stores;
using ChatCare.Core.Activities;
using ChatCare.Core.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Benchmarks;

/// <summary>
/// One whole turn inside the process: dedup + transcript + understanding + dialog skills + state load and save with
/// ETag in a real LiteDB file, with 1,000 active conversations. Each invocation is one turn for the next conversation,
/// round-robin; a conversation alternates between an FAQ question and "sí, gracias", so its dialog state changes every turn.
/// </summary>
[Config(typeof(PerTurnConfig))]
public class TurnBenchmarks
{
    public const int Conversations = 1000;
    private static readonly string[] Messages = ["¿cuánto cuesta el envío?", "sí, gracias"];

    private readonly string[] _conversationIds = [.. Enumerable.Range(0, Conversations).Select(i => $"bench-{i:D5}")];
    private string _dataDirectory = "";
    private ServiceProvider? _services;
    private TurnProcessor? _turns;
    private long _sent;
    private long _activitySequence;

    /// <summary>Whether a turn waits for its commit (the default) or only queues it.</summary>
    [Params(TurnDurability.Synchronous, TurnDurability.Batched)]
    public TurnDurability Durability { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "chatcare-bench-" + Guid.NewGuid().ToString("N"));
        _services = BenchHost.Build(_dataDirectory, Durability);
        _turns = _services.GetRequiredService<TurnProcessor>();
        // Every conversation gets its first message (greeting + need identification) before anything is measured.
        foreach (var id in _conversationIds)
        {
            var result = _turns.ProcessAsync(Message(id, "hola, buenas tardes"), CancellationToken.None).GetAwaiter().GetResult();
            if (result.Replies.Count == 0)
            {
                throw new InvalidOperationException($"No reply to the first message of {id}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        BenchHost.TearDown(_services, _dataDirectory);
    }

    /// <summary>One turn: the next conversation round-robin, FAQ question and "sí, gracias" alternating per conversation.</summary>
    [Benchmark]
    public async Task<int> Turn()
    {
        var n = _sent++;
        var id = _conversationIds[n % Conversations];
        var text = Messages[n / Conversations % Messages.Length];
        var result = await _turns!.ProcessAsync(Message(id, text), CancellationToken.None);
        return result.Replies.Count;
    }

    private Activity Message(string conversationId, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{conversationId}|{Interlocked.Increment(ref _activitySequence):D9}",
        ChannelId = "directline",
        DeliveryMode = DeliveryModes.ExpectReplies,
        Conversation = new ConversationAccount(conversationId),
        From = new ChannelAccount("user-" + conversationId, "Rosa", "user"),
        Recipient = new ChannelAccount("bot", "ChatCare", "bot"),
        Locale = "es-PE",
        Text = text,
        Timestamp = DateTimeOffset.UtcNow,
    };
}
