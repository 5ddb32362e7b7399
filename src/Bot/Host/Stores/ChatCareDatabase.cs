using ChatCare.Core.Configuration;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The embedded LiteDB file <c>{DataDirectory}/chatcare.db</c>, one per process, shared by every store.
/// Reads go straight to <see cref="Database"/>; writes go through <see cref="WriteAsync{T}"/>, which commits concurrent
/// writes together in one transaction, or, for the writes of a turn, through <see cref="WriteBehindAsync"/>, which
/// appends them to the <see cref="WriteAheadJournal"/> and lets LiteDB apply them behind.
/// When commits reach the disk is <see cref="StorageOptions.DiskFlush"/>.
/// </summary>
public sealed partial class ChatCareDatabase : IDisposable
{
    private const string JournalCollection = "journal";
    private const string AppliedId = "applied";
    private readonly ILogger _log;
    private readonly FileStream _directoryLock;
    private readonly LiteDbGroupCommitWriter _writer;
    private readonly DeferredFlushFileStream[] _deferredFiles = [];
    private readonly Timer _flushTimer;
    private readonly DiskFlush _diskFlush;
    private readonly int _maxBacklog;
    private readonly string _journalDirectory;
    private readonly JournalProgress _progress = new();
    private readonly WriteAheadJournal _journal;
    private int _backlog;

    /// <summary>Opens (or creates) the database in the configured data directory.</summary>
    public ChatCareDatabase(IOptions<ChatCareOptions> options, IOptions<StorageOptions>? storage = null, ILogger<ChatCareDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _log = logger ?? NullLogger<ChatCareDatabase>.Instance;
        var settings = storage?.Value ?? new StorageOptions();
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, "chatcare.db");
        _directoryLock = LockDirectory(directory);
        if (settings.DiskFlush == DiskFlush.EveryCommit)
        {
            Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
        }
        else
        {
            // The same two files LiteDB would open itself (data and its write-ahead log), flushed on a timer instead of per commit.
            _deferredFiles = [new(FilePath), new(Path.Combine(directory, "chatcare-log.db"))];
            Database = new LiteDatabase(_deferredFiles[0], mapper: null, logStream: _deferredFiles[1]);
        }
        _diskFlush = settings.DiskFlush;
        _maxBacklog = settings.WriteBehindBacklog;
        _writer = new LiteDbGroupCommitWriter(Database, ex => WriteFailed(_log, ex), ForceToDisk, _progress,
            TimeSpan.FromMilliseconds(settings.WriteBehindDelayMilliseconds));
        _journalDirectory = WriteAheadJournal.DirectoryOf(directory);
        var next = ReplayJournal();
        _journal = WriteAheadJournal.StartFresh(_journalDirectory, settings.JournalSegmentMegabytes * 1024L * 1024L, next);
        var interval = TimeSpan.FromMilliseconds(settings.DiskFlushIntervalMilliseconds);
        _flushTimer = new Timer(_ => FlushToDisk(), null, interval, interval);
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>The database, for reads. Write through <see cref="WriteAsync{T}"/>.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Queues a write; completes with its result once committed. Writes run in queue order on the writer thread.</summary>
    /// <remarks>
    /// <paramref name="write"/> runs inside a transaction shared with other writes, so it must not block or await. If it
    /// throws, the batch is rolled back and the other writes are committed again without it: only this write fails.
    /// </remarks>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken) =>
        EnqueueAsync(write, forceToDisk: false, cancellationToken);

    /// <summary>Queues a write and completes once it is committed.</summary>
    public Task WriteAsync(Action<LiteDatabase> write, CancellationToken cancellationToken) =>
        EnqueueAsync(AsFunc(write), forceToDisk: false, cancellationToken);

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/>, but completes only once the commit is forced to the disk whatever
    /// <see cref="StorageOptions.DiskFlush"/> says: for records that are acknowledged to someone outside (a filed
    /// complaint's code, a consent, a webhook delivery), which must survive a power cut too.
    /// </summary>
    public Task<T> WriteToDiskAsync<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken) =>
        EnqueueAsync(write, forceToDisk: true, cancellationToken);

    /// <summary>Like <see cref="WriteAsync(Action{LiteDatabase}, CancellationToken)"/>, forced to the disk before it completes.</summary>
    public Task WriteToDiskAsync(Action<LiteDatabase> write, CancellationToken cancellationToken) =>
        EnqueueAsync(AsFunc(write), forceToDisk: true, cancellationToken);

    /// <summary>
    /// Appends <paramref name="documents"/> (an upsert or insert into <paramref name="collection"/>) to the journal and
    /// queues it for LiteDB. The task completes once the write survives a crash of ChatCare (and, with
    /// <see cref="DiskFlush.EveryCommit"/>, a power cut): at once, unless LiteDB is more than
    /// <see cref="StorageOptions.WriteBehindBacklog"/> writes behind, in which case the caller waits for it to catch up.
    /// <paramref name="applied"/> runs once LiteDB has the write (readers of the collection see it), on LiteDB's writer
    /// thread, so it must be quick, must not block and must not throw. It runs even for a write LiteDB refuses, with the
    /// reason (otherwise <c>null</c>): that one is logged and saved beside the journal instead, never dropped.
    /// Throws when the write could not be journaled (nothing changes then); once it is journaled, a failure to force it
    /// to the disk faults the task instead, because LiteDB will still apply it.
    /// </summary>
    public Task WriteBehindAsync(string collection, JournalOperation operation, IReadOnlyList<BsonDocument> documents,
        Action<Exception?>? applied = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentNullException.ThrowIfNull(documents);
        var write = new JournaledWrite(collection, operation, documents);
        var body = write.Encode();
        // Past the backlog bound the caller waits for LiteDB: that bounds the queue's memory under overload.
        var caughtUp = Interlocked.Increment(ref _backlog) > _maxBacklog
            ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
            : null;
        long sequence;
        try
        {
            // LiteDB must get the writes in sequence order (the applied sequence it records is a high-water mark), so each
            // is queued for it under the journal's append lock.
            sequence = _journal.Append(body, sequence => ApplyBehind(sequence, write, body, refused =>
            {
                Interlocked.Decrement(ref _backlog);
                caughtUp?.TrySetResult();
                applied?.Invoke(refused);
            }));
        }
        catch
        {
            Interlocked.Decrement(ref _backlog);
            throw;
        }
        if (_diskFlush == DiskFlush.EveryCommit)
        {
            try
            {
                _journal.SyncTo(sequence);
            }
            catch (Exception ex)
            {
                // Journaled and queued, so it will be applied: the caller must keep treating it as written, just not as durable.
                return Task.FromException(ex);
            }
        }
        return caughtUp?.Task ?? Task.CompletedTask;
    }

    /// <summary>Completes once every write queued before it (write-behind ones included) is in LiteDB: a barrier for readers.</summary>
    public Task WhenAppliedAsync(CancellationToken cancellationToken) => WriteAsync(_ => { }, cancellationToken);

    /// <summary>
    /// Creates a store's collections and indexes on the writer thread and waits for it. Stores call it from their
    /// constructors, before they read: LiteDB 5 can corrupt a read of a collection that another transaction is creating
    /// at that moment (LiteDB issue #2792), and only the writer creates collections this way.
    /// </summary>
    public void Prepare(Action<LiteDatabase> create) =>
        // The writer is its own thread, so waiting here (once per store, at start-up) cannot deadlock.
        WriteAsync(create, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Makes sure <paramref name="name"/> exists even before its first document (an index would also create it).</summary>
    public static void CreateCollection(LiteDatabase database, string name)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.CollectionExists(name))
        {
            var collection = database.GetCollection(name);
            collection.Delete(collection.Insert(new BsonDocument()));
        }
    }

    private static Func<LiteDatabase, object?> AsFunc(Action<LiteDatabase> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return db =>
        {
            write(db);
            return null;
        };
    }

    private async Task<T> EnqueueAsync<T>(Func<LiteDatabase, T> write, bool forceToDisk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        // Once queued the write happens; cancellation only stops the wait.
        return (T)(await _writer.Enqueue(db => write(db), forceToDisk).WaitAsync(cancellationToken))!;
    }

    /// <summary>Commits what is queued, then closes the files (flushed to disk) and, everything being applied, empties the journal.</summary>
    public void Dispose()
    {
        _flushTimer.Dispose();
        _writer.Dispose();
        Database.Dispose();
        foreach (var file in _deferredFiles)
        {
            file.Dispose();
        }
        _journal.Close(deleteAll: Volatile.Read(ref _backlog) == 0);
        _directoryLock.Dispose();
    }

    /// <summary>
    /// Queues journal record <paramref name="sequence"/> for LiteDB; <paramref name="done"/> runs on the writer thread once
    /// LiteDB has applied it, or refused it (then it is kept beside the journal).
    /// </summary>
    private void ApplyBehind(long sequence, JournaledWrite write, byte[] body, Action<Exception?> done) =>
        _writer.EnqueueLazy(db => Apply(db, sequence, write), refused =>
        {
            if (refused is not null)
            {
                _ = KeepUnappliedAsync(sequence, body, refused);
            }
            try
            {
                done(refused);
            }
            catch (Exception ex)
            {
                // A throwing callback must not reach the writer: it would fail the rest of the batch a second time.
                AppliedCallbackFailed(_log, ex, sequence);
            }
        });

    /// <summary>Keeps a write LiteDB refused (the writer has logged why) where an operator can find and re-apply it.</summary>
    private async Task KeepUnappliedAsync(long sequence, byte[] body, Exception refused)
    {
        var path = Path.Combine(_journalDirectory, $"unapplied-{sequence:D19}.bson");
        try
        {
            // Off the writer thread: it must not wait for a file write of its own.
            await Task.Yield();
            // Written under another name and renamed, so a file by this name is always whole.
            await File.WriteAllBytesAsync(path + ".partial", body).ConfigureAwait(false);
            File.Move(path + ".partial", path, overwrite: true);
            UnappliedWrite(_log, refused, sequence, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            UnappliedWriteLost(_log, ex, sequence);
        }
    }

    private object? Apply(LiteDatabase db, long sequence, JournaledWrite write)
    {
        write.ApplyTo(db);
        _progress.Applied(sequence);
        return null;
    }

    /// <summary>
    /// Applies what the journal holds beyond the last sequence LiteDB recorded (what a crash left unapplied), forces it to
    /// the disk, and returns the next sequence number to use.
    /// </summary>
    private long ReplayJournal()
    {
        // Created here, before any reader: the writer records progress in it with every batch (LiteDB #2792, see Prepare).
        var applied = WriteAsync(db =>
        {
            CreateCollection(db, JournalCollection);
            return db.GetCollection(JournalCollection).FindById(AppliedId)?["seq"].AsInt64 ?? 0L;
        }, CancellationToken.None).GetAwaiter().GetResult();
        _progress.Restore(applied);
        var entries = WriteAheadJournal.ReadAll(_journalDirectory, path => TornRecord(_log, path));
        var pending = entries.Where(entry => entry.Sequence > applied).ToList();
        // Through the same path as live writes: one LiteDB refuses now is kept beside the journal, and start-up goes on.
        var writes = pending.Select(entry =>
        {
            var done = new TaskCompletionSource();
            ApplyBehind(entry.Sequence, JournaledWrite.Decode(entry.Body), entry.Body.ToArray(), _ => done.SetResult());
            return done.Task;
        }).ToArray();
        Task.WhenAll(writes).GetAwaiter().GetResult();
        if (pending.Count > 0)
        {
            ForceToDisk();
            JournalReplayed(_log, pending.Count);
        }
        return Math.Max(applied, entries.Count == 0 ? 0 : entries.Max(entry => entry.Sequence)) + 1;
    }

    /// <summary>
    /// Takes <c>chatcare.lock</c> exclusively for the life of the process: the in-memory state cache and the single writer
    /// are only correct if no other ChatCare writes the same file. (On Linux only an exclusive share is enforced.)
    /// </summary>
    private static FileStream LockDirectory(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, "chatcare.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The data directory {directory} is in use by another ChatCare process.", ex);
        }
    }

    /// <summary>Forces both files to the disk (a no-op with <see cref="DiskFlush.EveryCommit"/>, where every commit already is).</summary>
    private void ForceToDisk()
    {
        foreach (var file in _deferredFiles)
        {
            file.FlushToDisk();
        }
    }

    /// <summary>
    /// On the timer: with <see cref="DiskFlush.Periodic"/> forces the journal and LiteDB to the disk; then deletes journal
    /// segments that LiteDB has applied, which are on the disk in LiteDB's files by then.
    /// </summary>
    private void FlushToDisk()
    {
        try
        {
            var applied = _progress.CommittedSequence;
            if (_diskFlush == DiskFlush.Periodic)
            {
                _journal.SyncAll();
            }
            ForceToDisk();
            _journal.DeleteAppliedSegments(applied);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            FlushFailed(_log, ex);
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "A write to the LiteDB store failed and was rolled back.")]
    private static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 902, Level = LogLevel.Critical,
        Message = "LiteDB refused journal write {Sequence}; it is kept in {Path} and was not applied.")]
    private static partial void UnappliedWrite(ILogger logger, Exception exception, long sequence, string path);

    [LoggerMessage(EventId = 906, Level = LogLevel.Error, Message = "The callback of journal write {Sequence} failed after LiteDB applied it.")]
    private static partial void AppliedCallbackFailed(ILogger logger, Exception exception, long sequence);

    [LoggerMessage(EventId = 905, Level = LogLevel.Critical,
        Message = "LiteDB refused journal write {Sequence}, and keeping it in a file failed too; it is still in the journal segment until the segment is deleted.")]
    private static partial void UnappliedWriteLost(ILogger logger, Exception exception, long sequence);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "The journal segment {Path} ends in a torn record (a crash mid-write); the records before it were replayed.")]
    private static partial void TornRecord(ILogger logger, string path);

    [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Replayed {Count} journal records that LiteDB had not applied before the last stop.")]
    private static partial void JournalReplayed(ILogger logger, int count);

    /// <summary>
    /// The last journal sequence applied, kept inside the same LiteDB transactions as the writes themselves, so that after
    /// a crash the replay starts exactly where LiteDB stopped. Touched by the writer thread only, except <see cref="CommittedSequence"/>.
    /// </summary>
    private sealed class JournalProgress : ICommitHook
    {
        private long _inTransaction;
        private long _committed;

        public long CommittedSequence => Volatile.Read(ref _committed);

        public void Restore(long applied) => _inTransaction = _committed = applied;

        public void Applied(long sequence) => _inTransaction = Math.Max(_inTransaction, sequence);

        public void BeforeCommit(LiteDatabase database)
        {
            if (_inTransaction != _committed)
            {
                database.GetCollection(JournalCollection).Upsert(new BsonDocument { ["_id"] = AppliedId, ["seq"] = _inTransaction });
            }
        }

        public void Committed() => Volatile.Write(ref _committed, _inTransaction);

        public void RolledBack() => _inTransaction = _committed;
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "Flushing the LiteDB files to disk failed; the next flush tries again.")]
    private static partial void FlushFailed(ILogger logger, Exception exception);
}

/// <summary>What a journaled write does to its collection.</summary>
public enum JournalOperation
{
    /// <summary>Insert or replace each document by <c>_id</c>.</summary>
    Upsert = 1,

    /// <summary>Insert each document (new <c>_id</c>).</summary>
    Insert = 2,
}

/// <summary>One journal record's body: an upsert or insert of documents into a collection, as BSON.</summary>
internal sealed record JournaledWrite(string Collection, JournalOperation Operation, IReadOnlyList<BsonDocument> Documents)
{
    public byte[] Encode() => BsonSerializer.Serialize(new BsonDocument
    {
        ["c"] = Collection,
        ["op"] = (int)Operation,
        ["d"] = new BsonArray(Documents),
    });

    public static JournaledWrite Decode(ReadOnlyMemory<byte> body)
    {
        var record = BsonSerializer.Deserialize(body.ToArray());
        return new JournaledWrite(record["c"].AsString, (JournalOperation)record["op"].AsInt32,
            [.. record["d"].AsArray.Select(value => value.AsDocument)]);
    }

    public void ApplyTo(LiteDatabase database)
    {
        var target = database.GetCollection(Collection);
        _ = Operation switch
        {
            JournalOperation.Upsert => target.Upsert(Documents),
            JournalOperation.Insert => target.Insert(Documents),
            _ => throw new InvalidDataException($"Unknown journal operation {Operation}."),
        };
    }
}

