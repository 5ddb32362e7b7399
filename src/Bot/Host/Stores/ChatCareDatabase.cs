using ChatCare.Core.Configuration;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The embedded LiteDB file <c>{DataDirectory}/chatcare.db</c>, one per process, shared by every store.
/// Reads go straight to <see cref="Database"/>; writes go through <see cref="WriteAsync{T}"/>, which commits concurrent
/// writes together in one transaction. When commits reach the disk is <see cref="StorageOptions.DiskFlush"/>.
/// </summary>
public sealed partial class ChatCareDatabase : IDisposable
{
    private readonly ILogger _log;
    private readonly FileStream _directoryLock;
    private readonly LiteDbGroupCommitWriter _writer;
    private readonly DeferredFlushFileStream[] _deferredFiles = [];
    private readonly Timer? _flushTimer;

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
            var interval = TimeSpan.FromMilliseconds(settings.DiskFlushIntervalMilliseconds);
            _flushTimer = new Timer(_ => FlushToDisk(), null, interval, interval);
        }
        _writer = new LiteDbGroupCommitWriter(Database, ex => WriteFailed(_log, ex), ForceToDisk);
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

    /// <summary>Commits what is queued, then closes the files (flushed to disk).</summary>
    public void Dispose()
    {
        _flushTimer?.Dispose();
        _writer.Dispose();
        Database.Dispose();
        foreach (var file in _deferredFiles)
        {
            file.Dispose();
        }
        _directoryLock.Dispose();
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

    private void FlushToDisk()
    {
        try
        {
            ForceToDisk();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            FlushFailed(_log, ex);
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "A write to the LiteDB store failed and was rolled back.")]
    private static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "Flushing the LiteDB files to disk failed; the next flush tries again.")]
    private static partial void FlushFailed(ILogger logger, Exception exception);
}
