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

    private ChatCareDatabase Open(DiskFlush flush = DiskFlush.Periodic, int writeBehindDelay = 5, string? directory = null) => new(
        Options.Create(new ChatCareOptions { DataDirectory = directory ?? _directory }),
        Options.Create(new StorageOptions { DiskFlush = flush, WriteBehindDelayMilliseconds = writeBehindDelay }));

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
        await database.WhenAppliedAsync(ct);
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

    [Theory]
    [InlineData(DiskFlush.Periodic)]
    [InlineData(DiskFlush.EveryCommit)]
    public async Task AnsweredTurns_SurviveAHardKill_FromTheJournal(DiskFlush flush)
    {
        var ct = TestContext.Current.CancellationToken;
        var crash = Directory.CreateTempSubdirectory("chatcare-crash-").FullName;
        try
        {
            // LiteDB lingers a second before applying, so at the "kill" the turns are in the journal only.
            using (var database = Open(flush, writeBehindDelay: 1000))
            {
                var states = new LiteDbConversationStateStore(database);
                var transcripts = new LiteDbTranscriptStore(database);
                // Concurrent turns, as in a running host: their journal records and LiteDB writes interleave.
                await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
                {
                    Assert.NotNull(await states.TrySaveAsync(ConversationState.New($"k{i}", "test", "es", DateTimeOffset.UnixEpoch) with { TurnCount = i }, null, ct));
                    await transcripts.AppendAsync($"k{i}", [Entry($"mensaje {i}"), Entry($"respuesta {i}", TranscriptDirection.Outbound)], ct);
                }, ct)));
                await CrashCopyAsync(_directory, crash, ct);
            }
            Assert.Equal(40, WriteAheadJournal.ReadAll(WriteAheadJournal.DirectoryOf(crash), _ => { }).Count);

            using var restarted = Open(directory: crash);
            var reopenedStates = new LiteDbConversationStateStore(restarted);
            var reopenedTranscripts = new LiteDbTranscriptStore(restarted);
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(i, (await reopenedStates.GetAsync($"k{i}", ct))!.State.TurnCount);
                Assert.Equal([$"mensaje {i}", $"respuesta {i}"], (await reopenedTranscripts.ReadAsync($"k{i}", ct)).Select(e => e.Activity.Text));
            }
        }
        finally
        {
            Directory.Delete(crash, recursive: true);
        }
    }

    [Fact]
    public async Task AFullDisk_FailsOnlyTheSaveItCannotJournal_AndTheJournalStaysWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        // The journal on a 256 KB tmpfs of its own (LiteDB's files stay on the normal disk), filled up to the last page.
        var journal = WriteAheadJournal.DirectoryOf(_directory);
        Directory.CreateDirectory(journal);
        if (!await RunAsync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", journal], ct))
        {
            Assert.Skip("Mounting a small tmpfs needs root (CAP_SYS_ADMIN); this run has not.");
        }
        var crash = Directory.CreateTempSubdirectory("chatcare-crash-").FullName;
        try
        {
            using (var database = Open(writeBehindDelay: 1000))
            {
                var store = new LiteDbConversationStateStore(database);
                // Larger than a page, so the record cannot fit in the slack of the journal file's last page.
                var state = ConversationState.New("f1", "test", "es", DateTimeOffset.UnixEpoch) with { Intents = [new string('x', 20_000)] };
                var first = await store.TrySaveAsync(state with { TurnCount = 1 }, null, ct);

                var filler = Path.Combine(journal, "filler");
                Assert.Throws<IOException>(() => FillUp(filler));
                await Assert.ThrowsAsync<IOException>(() => store.TrySaveAsync(state with { TurnCount = 2 }, first, ct));
                // The failed turn changed nothing: the first save is still current, with its ETag.
                var current = await store.GetAsync("f1", ct);
                Assert.Equal((1, first), (current!.State.TurnCount, current.ETag));

                File.Delete(filler);
                Assert.NotNull(await store.TrySaveAsync(state with { TurnCount = 3 }, first, ct));
                await CrashCopyAsync(_directory, crash, ct);
            }

            // What was journaled before and after the failure is replayed; the failed record left nothing behind that stops it.
            using var restarted = Open(directory: crash);
            Assert.Equal(3, (await new LiteDbConversationStateStore(restarted).GetAsync("f1", ct))!.State.TurnCount);
        }
        finally
        {
            await RunAsync("umount", [journal], CancellationToken.None);
            Directory.Delete(crash, recursive: true);
        }
    }

    /// <summary>Writes to <paramref name="path"/> until the file system is full (and throws then).</summary>
    private static void FillUp(string path)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        var page = new byte[4096];
        for (var written = 0L; written < 1L << 30; written += page.Length)
        {
            stream.Write(page);
        }
    }

    private static async Task<bool> RunAsync(string command, string[] arguments, CancellationToken ct)
    {
        var start = new System.Diagnostics.ProcessStartInfo(command, arguments) { RedirectStandardError = true };
        try
        {
            using var process = System.Diagnostics.Process.Start(start)!;
            await process.WaitForExitAsync(ct);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such command here
        }
    }

    [Fact]
    public async Task AJournalEndingInATornRecord_ReplaysEverythingBeforeIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var crash = Directory.CreateTempSubdirectory("chatcare-crash-").FullName;
        try
        {
            using (var database = Open(writeBehindDelay: 1000))
            {
                var states = new LiteDbConversationStateStore(database);
                for (var i = 0; i < 3; i++)
                {
                    await states.TrySaveAsync(ConversationState.New($"t{i}", "test", "es", DateTimeOffset.UnixEpoch), null, ct);
                }
                await CrashCopyAsync(_directory, crash, ct);
            }
            // The process died in the middle of writing a fourth record: a header and part of its payload.
            var segment = Directory.EnumerateFiles(WriteAheadJournal.DirectoryOf(crash), "*.log").Single();
            await File.AppendAllBytesAsync(segment, [200, 0, 0, 0, 1, 2, 3, 4, 5, 6], ct);

            using var restarted = Open(directory: crash);
            var reopened = new LiteDbConversationStateStore(restarted);
            for (var i = 0; i < 3; i++)
            {
                Assert.NotNull(await reopened.GetAsync($"t{i}", ct));
            }
            // After the replay the journal starts afresh, so the torn bytes are not read again.
            Assert.Empty(WriteAheadJournal.ReadAll(WriteAheadJournal.DirectoryOf(crash), _ => { }));
        }
        finally
        {
            Directory.Delete(crash, recursive: true);
        }
    }

    [Fact]
    public async Task AWriteBehindLiteDbRefuses_IsKeptBesideTheJournal_AndTheOthersApply()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = Open();

        var applied = new CountdownEvent(3);
        var refusals = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        void Insert(LiteDB.BsonDocument document) =>
            database.WriteBehindAsync("things", JournalOperation.Insert, [document], applied: refused =>
            {
                if (refused is not null)
                {
                    refusals.Enqueue(refused);
                }
                applied.Signal();
            });
        Insert(new LiteDB.BsonDocument { ["_id"] = 7 });
        Insert(new LiteDB.BsonDocument { ["_id"] = 7, ["second"] = true }); // LiteDB refuses a second document with the same _id
        Insert(new LiteDB.BsonDocument { ["_id"] = 8 });
        Assert.True(applied.Wait(TimeSpan.FromSeconds(10), ct), "every write-behind reports back, the refused one too");
        Assert.Single(refusals); // and only the refused one says so

        Assert.Equal([7, 8], database.Database.GetCollection("things").FindAll().Select(d => d["_id"].AsInt32).Order());
        // The refused write is saved off the writer thread, just after it reports back.
        string? kept = null;
        for (var waited = 0; kept is null && waited < 10_000; waited += 20)
        {
            kept = Directory.EnumerateFiles(WriteAheadJournal.DirectoryOf(_directory), "unapplied-*.bson").SingleOrDefault();
            if (kept is null)
            {
                await Task.Delay(20, ct);
            }
        }
        Assert.NotNull(kept);
        Assert.Equal("things", LiteDB.BsonSerializer.Deserialize(await File.ReadAllBytesAsync(kept, ct))["c"].AsString);
    }

    [Fact]
    public async Task AJournaledWriteLiteDbRefusesAtReplay_IsKept_AndTheHostStillStarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var crash = Directory.CreateTempSubdirectory("chatcare-crash-").FullName;
        try
        {
            using (var database = Open(writeBehindDelay: 1000))
            {
                await database.WriteAsync(db => db.GetCollection("things").Insert(new LiteDB.BsonDocument { ["_id"] = 7 }), ct);
                // Both still in the journal only at the "kill"; LiteDB will refuse the first (same _id) when it is replayed.
                await database.WriteBehindAsync("things", JournalOperation.Insert, [new LiteDB.BsonDocument { ["_id"] = 7, ["second"] = true }]);
                await database.WriteBehindAsync("things", JournalOperation.Insert, [new LiteDB.BsonDocument { ["_id"] = 8 }]);
                await CrashCopyAsync(_directory, crash, ct);
            }

            using var restarted = Open(directory: crash);
            Assert.Equal([7, 8], restarted.Database.GetCollection("things").FindAll().Select(d => d["_id"].AsInt32).Order());
            string? kept = null;
            for (var waited = 0; kept is null && waited < 10_000; waited += 20)
            {
                kept = Directory.EnumerateFiles(WriteAheadJournal.DirectoryOf(crash), "unapplied-*.bson").SingleOrDefault();
                if (kept is null)
                {
                    await Task.Delay(20, ct);
                }
            }
            Assert.NotNull(kept);
        }
        finally
        {
            Directory.Delete(crash, recursive: true);
        }
    }

    [Fact]
    public async Task AThrowingAppliedCallback_DoesNotFailTheOtherWritesOfItsBatch()
    {
        using var database = Open();
        var applied = new CountdownEvent(2);

        await database.WriteBehindAsync("things", JournalOperation.Insert, [new LiteDB.BsonDocument { ["_id"] = 1 }],
            applied: _ => throw new InvalidOperationException("callback bug"));
        await database.WriteBehindAsync("things", JournalOperation.Insert, [new LiteDB.BsonDocument { ["_id"] = 2 }], applied: _ => applied.Signal());
        await database.WriteBehindAsync("things", JournalOperation.Insert, [new LiteDB.BsonDocument { ["_id"] = 3 }], applied: _ => applied.Signal());

        // Each callback runs exactly once: a second run (the batch failed again) would over-signal and throw.
        Assert.True(applied.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await database.WhenAppliedAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1, 2, 3], database.Database.GetCollection("things").FindAll().Select(d => d["_id"].AsInt32).Order());
        Assert.Empty(Directory.EnumerateFiles(WriteAheadJournal.DirectoryOf(_directory), "unapplied-*.bson"));
    }

    [Fact]
    public async Task JournalSegments_AreDeletedOnceLiteDbHasThemOnDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new ChatCareDatabase(
            Options.Create(new ChatCareOptions { DataDirectory = _directory }),
            Options.Create(new StorageOptions { JournalSegmentMegabytes = 1, DiskFlushIntervalMilliseconds = 50 }));
        var store = new LiteDbConversationStateStore(database);
        var big = new string('x', 20_000);
        for (var i = 0; i < 200; i++) // ~4 MB of journal: four segments or more
        {
            await store.TrySaveAsync(ConversationState.New($"s{i}", "test", "es", DateTimeOffset.UnixEpoch) with { Customer = new CustomerRef(big, null) }, null, ct);
        }
        await database.WhenAppliedAsync(ct);

        var journal = WriteAheadJournal.DirectoryOf(_directory);
        for (var waited = 0; Directory.EnumerateFiles(journal, "*.log").Count() > 1 && waited < 100; waited++)
        {
            await Task.Delay(50, ct);
        }
        Assert.Single(Directory.EnumerateFiles(journal, "*.log"));
        Assert.Equal(200, database.Database.GetCollection("conversations").Count());
    }

    private static TranscriptEntry Entry(string text, TranscriptDirection direction = TranscriptDirection.Inbound) =>
        new(direction, new Activity { Type = ActivityTypes.Message, Text = text }, DateTimeOffset.UnixEpoch);

    /// <summary>
    /// A hard kill: the files as the operating system holds them this instant, with no shutdown, flush or dispose; what a
    /// restart after kill -9 would open. cp, because the process holds the files locked (FileShare.None).
    /// </summary>
    internal static async Task CrashCopyAsync(string dataDirectory, string copy, CancellationToken ct)
    {
        using var cp = System.Diagnostics.Process.Start("cp", ["-r", dataDirectory + "/.", copy]);
        await cp.WaitForExitAsync(ct);
        Assert.Equal(0, cp.ExitCode);
    }

    [Fact]
    public void CollectionsTheWriterFillsBehind_ExistBeforeAnyReader()
    {
        // LiteDB #2792: a read while another transaction creates a collection can fail ("page type must be collection
        // page"). Write-behind fills these collections on the writer thread while turns read, so they are created at open.
        using var database = Open();
        _ = new LiteDbConversationStateStore(database);
        _ = new LiteDbTranscriptStore(database);

        Assert.True(database.Database.CollectionExists("conversations"));
        Assert.True(database.Database.CollectionExists("transcripts"));
        Assert.True(database.Database.CollectionExists("journal"));
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
    public async Task DirectLineAppends_AreReadAtOnce_BeforeLiteDbHasThem_AndTheSameAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        // LiteDB lingers a second before applying: right after the appends, the history is in the journal and memory only.
        using var database = Open(writeBehindDelay: 1000);
        var log = new LiteDbDirectLineActivityLog(database);
        Assert.True(await log.CreateConversationAsync("dl2", "u1", DateTimeOffset.UnixEpoch, ct));
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync("dl2", [Message($"m{i}", clientId: $"c{i}")], (sequence, a) => a with { Id = $"dl2|{sequence}" }, ct);
        }
        Assert.Equal(0, database.Database.GetCollection("directline_activities").Count());

        async Task AssertHistoryAsync()
        {
            Assert.Equal(5, (await log.GetConversationAsync("dl2", ct))!.LastSequence);
            Assert.Equal(["m3", "m4"], (await log.ReadAsync("dl2", afterSequence: 2, limit: 2, ct)).Select(l => l.Activity.Text));
            Assert.Equal([1L, 2, 3, 4, 5], (await log.ReadAsync("dl2", afterSequence: 0, limit: 100, ct)).Select(l => l.Sequence));
            Assert.Equal("dl2|4", (await log.FindByClientActivityIdAsync("dl2", "c4", ct))!.Activity.Id);
            Assert.Null(await log.FindByClientActivityIdAsync("dl2", "c9", ct));
        }

        await AssertHistoryAsync();
        await database.WhenAppliedAsync(ct);
        Assert.Equal(5, database.Database.GetCollection("directline_activities").Count());
        await AssertHistoryAsync();
        // Numbering goes on from the file once memory has let the conversation go.
        var next = await log.AppendAsync("dl2", [Message("m6")], (sequence, a) => a, ct);
        Assert.Equal(6, Assert.Single(next).Sequence);
    }

    [Fact]
    public async Task DirectLineHistory_SurvivesAHardKill_FromTheJournal_AndNumberingGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var crash = Directory.CreateTempSubdirectory("chatcare-crash-").FullName;
        try
        {
            using (var database = Open(writeBehindDelay: 1000))
            {
                var log = new LiteDbDirectLineActivityLog(database);
                await log.CreateConversationAsync("dl3", "u1", DateTimeOffset.UnixEpoch, ct);
                await log.AppendAsync("dl3", [Message("hola", clientId: "c1"), Message("¿en qué le ayudo?")], (sequence, a) => a, ct);
                await CrashCopyAsync(_directory, crash, ct);
            }

            using var restarted = Open(directory: crash);
            var reopened = new LiteDbDirectLineActivityLog(restarted);
            Assert.Equal(["hola", "¿en qué le ayudo?"], (await reopened.ReadAsync("dl3", 0, 10, ct)).Select(l => l.Activity.Text));
            Assert.Equal(1, (await reopened.FindByClientActivityIdAsync("dl3", "c1", ct))!.Sequence);
            Assert.Equal(2, (await reopened.GetConversationAsync("dl3", ct))!.LastSequence);
            Assert.Equal(3, Assert.Single(await reopened.AppendAsync("dl3", [Message("gracias")], (sequence, a) => a, ct)).Sequence);
        }
        finally
        {
            Directory.Delete(crash, recursive: true);
        }
    }

    [Fact]
    public async Task DirectLineActivities_LiteDbRefuses_StayReadable_AndTheirNumbersAreNeverReused()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var database = Open())
        {
            var log = new LiteDbDirectLineActivityLog(database);
            await log.CreateConversationAsync("dl4", "u1", DateTimeOffset.UnixEpoch, ct);
            await log.AppendAsync("dl4", [Message("uno")], (sequence, a) => a, ct);
            // A unique index that the second activity of the conversation breaks: LiteDB refuses that write.
            await database.WriteAsync(db => db.GetCollection("directline_activities").EnsureIndex("onePerConversation", "$.conversationId", unique: true), ct);
            await log.AppendAsync("dl4", [Message("dos")], (sequence, a) => a, ct);
            await database.WhenAppliedAsync(ct);
            await database.WhenAppliedAsync(ct); // after what the refusal queued

            Assert.Equal(1, database.Database.GetCollection("directline_activities").Count());
            Assert.Equal(["uno", "dos"], (await log.ReadAsync("dl4", 0, 10, ct)).Select(l => l.Activity.Text));
            Assert.Equal(2, (await log.GetConversationAsync("dl4", ct))!.LastSequence);
        }

        // The refused activity is kept beside the journal; its number stays taken in the file.
        using var reopened = Open();
        await reopened.WriteAsync(db => db.GetCollection("directline_activities").DropIndex("onePerConversation"), ct);
        var restarted = new LiteDbDirectLineActivityLog(reopened);
        Assert.Equal(2, (await restarted.GetConversationAsync("dl4", ct))!.LastSequence);
        Assert.Equal(3, Assert.Single(await restarted.AppendAsync("dl4", [Message("tres")], (sequence, a) => a, ct)).Sequence);
    }

    [Fact]
    public async Task DirectLineAppend_ToAConversationNeverStarted_IsRefused()
    {
        using var database = Open();
        var log = new LiteDbDirectLineActivityLog(database);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            log.AppendAsync("nope", [Message("x")], (sequence, a) => a, TestContext.Current.CancellationToken));
    }

    private static Activity Message(string text, string? clientId = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ChannelData = clientId is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(new { clientActivityID = clientId }),
    };

    [Theory]
    [InlineData(DiskFlush.Periodic)]
    [InlineData(DiskFlush.EveryCommit)]
    public async Task EachSave_IsServedAtOnce_AndSurvivesReopening(DiskFlush flush)
    {
        var ct = TestContext.Current.CancellationToken;
        using (var database = Open(flush))
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

        using var reopened = Open(flush);
        Assert.Equal(100, (await new LiteDbConversationStateStore(reopened).GetAsync("b1", ct))!.State.TurnCount);
    }

    [Fact]
    public void ASecondProcessOnTheSameDataDirectory_IsRefused()
    {
        using var first = Open();

        Assert.Throws<IOException>(() => Open());
    }
}
