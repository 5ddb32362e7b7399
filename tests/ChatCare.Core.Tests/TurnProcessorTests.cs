using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Configuration;
using ChatCare.Core.Conversations;
using ChatCare.Core.Messages;
using ChatCare.Core.Turns;
using ChatCare.Core.Turns.Middleware;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatCare.Core.Tests;

public sealed class TurnProcessorTests
{
    private readonly InMemoryStateStore _store = new();
    private readonly Mock<IMessageCatalog> _messages = new();

    public TurnProcessorTests() =>
        _messages.Setup(m => m.Get(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<(string, string)[]>())).Returns((string key, string _, (string, string)[] _) => key);

    private TurnProcessor Processor(ITurnHandler handler) => new(
        _store,
        [new DeduplicationMiddleware()],
        handler,
        new ChannelCapabilitiesProvider([]),
        _messages.Object,
        new ConversationLocks(),
        TimeProvider.System,
        Options.Create(new ChatCareOptions()),
        NullLogger<TurnProcessor>.Instance);

    private static Activity Message(string conversation, string? id, string text = "hola") => new()
    {
        Type = ActivityTypes.Message, Id = id, Text = text, ChannelId = "test",
        Conversation = new ConversationAccount(conversation), From = new ChannelAccount("u1"), Recipient = new ChannelAccount("bot"),
    };

    [Fact]
    public async Task ProcessAsync_RedeliveredActivityId_IsIgnoredAndNotSaved()
    {
        var handler = new EchoHandler();
        var turns = Processor(handler);
        var ct = TestContext.Current.CancellationToken;

        var first = await turns.ProcessAsync(Message("c1", "a1"), ct);
        var again = await turns.ProcessAsync(Message("c1", "a1"), ct);

        Assert.Single(first.Replies);
        Assert.Empty(again.Replies);
        Assert.Null(again.State);
        Assert.Equal(1, handler.Calls);
        Assert.Equal(1, _store.Saves);
    }

    [Fact]
    public async Task ProcessAsync_SameConversation_RunsOneTurnAtATime()
    {
        var handler = new SlowHandler();
        var turns = Processor(handler);
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => turns.ProcessAsync(Message("same", $"m{i}"), ct)));

        Assert.Equal(1, handler.MaxConcurrent);
        Assert.Equal(8, (await _store.GetAsync("same", ct))!.State.TurnCount);
    }

    [Fact]
    public async Task ProcessAsync_DifferentConversations_RunInParallel()
    {
        var handler = new SlowHandler();
        var turns = Processor(handler);
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => turns.ProcessAsync(Message($"c{i}", "m"), ct)));

        Assert.True(handler.MaxConcurrent > 1, $"max concurrent turns was {handler.MaxConcurrent}");
    }

    [Fact]
    public async Task ProcessAsync_StateChangedByAnotherWriter_RetriesTheTurnOnFreshState()
    {
        var handler = new EchoHandler();
        var turns = Processor(handler);
        _store.FailNextSave = true;

        var result = await turns.ProcessAsync(Message("c1", "a1"), TestContext.Current.CancellationToken);

        Assert.Equal(2, handler.Calls);
        Assert.Single(result.Replies);
        Assert.Equal(1, _store.Saves);
    }

    [Fact]
    public async Task ProcessAsync_HandlerThrows_ApologisesAndKeepsPreviousState()
    {
        var ct = TestContext.Current.CancellationToken;
        await Processor(new EchoHandler()).ProcessAsync(Message("c1", "a1"), ct);

        var result = await Processor(new ThrowingHandler()).ProcessAsync(Message("c1", "a2"), ct);

        var reply = Assert.Single(result.Replies);
        Assert.Equal(MessageKeys.TurnError, reply.Text);
        var saved = (await _store.GetAsync("c1", ct))!.State;
        Assert.False(saved.Greeted);
        Assert.Contains("a2", saved.RecentActivityIds);
    }

    [Fact]
    public async Task ProcessAsync_NoConversationId_Throws()
    {
        var activity = Message("x", "a") with { Conversation = null };
        await Assert.ThrowsAsync<ArgumentException>(() => Processor(new EchoHandler()).ProcessAsync(activity, TestContext.Current.CancellationToken));
    }

    private sealed class EchoHandler : ITurnHandler
    {
        public int Calls { get; private set; }

        public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Calls++;
            turn.Reply("echo");
            return Task.CompletedTask;
        }
    }

    private sealed class SlowHandler : ITurnHandler
    {
        private int _running;
        private int _max;

        public int MaxConcurrent => _max;

        public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while ((seen = _max) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
            await Task.Delay(30, cancellationToken);
            Interlocked.Decrement(ref _running);
        }
    }

    private sealed class ThrowingHandler : ITurnHandler
    {
        public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            turn.State = turn.State with { Greeted = true };
            turn.Reply("partial");
            throw new InvalidOperationException("boom");
        }
    }
}
