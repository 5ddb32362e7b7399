using ChatCare.Bot.Stores;
using ChatCare.Core.Activities;
using ChatCare.Core.Configuration;
using ChatCare.Core.Conversations;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.IntegrationTests;

public sealed class LiteDbStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcare-db-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ChatCareDatabase Open(TurnDurability durability = TurnDurability.Synchronous) => new(
        Options.Create(new ChatCareOptions { DataDirectory = _directory }),
        Options.Create(new StorageOptions { TurnDurability = durability }));

    [Fact]
    public async Task TrySave_WithAStaleETag_IsRefusedAndKeepsTheNewerState()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = Open();
        var store = new LiteDbConversationStateStore(database);
        var state = ConversationState.New("c1", "test", "es", DateTimeOffset.UnixEpoch);

        var first = await store.TrySaveAsync(state, null, ct);
        var second = await store.TrySaveAsync(state with { TurnCount = 2 }, first, ct);
        var stale = await store.TrySaveAsync(state with { TurnCount = 99 }, first, ct);
        var duplicateCreate = await store.TrySaveAsync(state, null, ct);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(stale);
        Assert.Null(duplicateCreate);
        var stored = await store.GetAsync("c1", ct);
        Assert.Equal(2, stored!.State.TurnCount);
        Assert.Equal(second, stored.ETag);
    }

    [Fact]
    public async Task StateAndTranscript_SurviveReopeningTheFile()
    {
        var ct = TestContext.Current.CancellationToken;
        var state = ConversationState.New("c2", "test", "en", DateTimeOffset.UnixEpoch) with { Greeted = true, Intents = ["greeting"] };
        var said = new Activity { Type = ActivityTypes.Message, Text = "hola", Conversation = new ConversationAccount("c2") };
        using (var database = Open())
        {
            await new LiteDbConversationStateStore(database).TrySaveAsync(state, null, ct);
            await new LiteDbTranscriptStore(database).AppendAsync("c2", [new TranscriptEntry(TranscriptDirection.Inbound, said, DateTimeOffset.UnixEpoch)], ct);
        }

        using var reopened = Open();
        var loaded = await new LiteDbConversationStateStore(reopened).GetAsync("c2", ct);
        var transcript = await new LiteDbTranscriptStore(reopened).ReadAsync("c2", ct);

        Assert.True(loaded!.State.Greeted);
        Assert.Equal("en", loaded.State.Language);
        Assert.Equal(["greeting"], loaded.State.Intents);
        Assert.Equal("hola", Assert.Single(transcript).Activity.Text);
    }

    [Fact]
    public async Task ConcurrentSaves_OfManyConversations_AreAllCommitted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = Open();
        var store = new LiteDbConversationStateStore(database);

        var etags = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            store.TrySaveAsync(ConversationState.New($"c{i}", "test", "es", DateTimeOffset.UnixEpoch), null, ct), ct)));

        Assert.All(etags, Assert.NotNull);
        Assert.Equal(200, database.Database.GetCollection("conversations").Count());
    }

    [Fact]
    public async Task AFailingWrite_FailsAlone_AndTheRestOfItsBatchCommits()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = Open();

        var writes = Enumerable.Range(0, 50).Select(i => database.WriteAsync(db =>
        {
            if (i == 25)
            {
                throw new InvalidOperationException("boom");
            }
            db.GetCollection("things").Insert(new LiteDB.BsonDocument { ["_id"] = i });
        }, ct)).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writes[25]);
        await Task.WhenAll(writes.Where((_, i) => i != 25));
        Assert.Equal(49, database.Database.GetCollection("things").Count());
    }

    [Fact]
    public async Task DirectLineAppends_InParallel_GetGapFreeSequences()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = Open();
        var log = new LiteDbDirectLineActivityLog(database);
        Assert.True(await log.CreateConversationAsync("dl1", "u1", DateTimeOffset.UnixEpoch, ct));
        Assert.False(await log.CreateConversationAsync("dl1", "u2", DateTimeOffset.UnixEpoch, ct));
        var message = new Activity { Type = ActivityTypes.Message, Text = "x" };

        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() =>
            log.AppendAsync("dl1", [message, message], (sequence, a) => a with { Id = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct), ct)));

        var sequences = appended.SelectMany(batch => batch.Select(l => l.Sequence)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), sequences);
        Assert.Equal(80, (await log.GetConversationAsync("dl1", ct))!.LastSequence);
    }

    [Fact]
    public async Task BatchedDurability_ServesTheNewStateAtOnce_AndAGracefulCloseCommitsEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var database = Open(TurnDurability.Batched))
        {
            var store = new LiteDbConversationStateStore(database);
            string? etag = null;
            for (var turn = 1; turn <= 100; turn++)
            {
                var current = await store.GetAsync("b1", ct);
                Assert.Equal(etag, current?.ETag);
                etag = await store.TrySaveAsync(ConversationState.New("b1", "test", "es", DateTimeOffset.UnixEpoch) with { TurnCount = turn }, etag, ct);
                Assert.NotNull(etag);
            }
        }

        using var reopened = Open();
        Assert.Equal(100, (await new LiteDbConversationStateStore(reopened).GetAsync("b1", ct))!.State.TurnCount);
    }
}
