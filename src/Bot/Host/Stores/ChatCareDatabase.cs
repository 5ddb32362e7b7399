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
        _writer = new LiteDbGroupCommitWriter(Database, ex => WriteFailed(_log, ex));
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>The database, for reads. Write through <see cref="WriteAsync{T}"/>.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Queues a write; completes with its result once committed. Writes run in queue order on the writer thread.</summary>
    /// <remarks><paramref name="write"/> runs inside a transaction shared with other writes: it must not block or await.</remarks>
    public async Task<T> WriteAsync<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        // Once queued the write happens; cancellation only stops the wait.
        return (T)(await _writer.Enqueue(db => write(db)).WaitAsync(cancellationToken))!;
    }

    /// <summary>Queues a write and completes once it is committed.</summary>
    public Task WriteAsync(Action<LiteDatabase> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync<object?>(db => { write(db); return null; }, cancellationToken);
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
    }

    private void FlushToDisk()
    {
        try
        {
            foreach (var file in _deferredFiles)
            {
                file.FlushToDisk();
            }
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
