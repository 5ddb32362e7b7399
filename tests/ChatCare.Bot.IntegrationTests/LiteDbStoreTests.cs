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

    private ChatCareDatabase Open() => new(Options.Create(new ChatCareOptions { DataDirectory = _directory }));

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
}
