using ChatCare.Core.Configuration;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The embedded LiteDB file <c>{DataDirectory}/chatcare.db</c>, one per process, shared by every store.
/// Reads go straight to <see cref="Database"/>; writes go through <see cref="WriteAsync{T}"/>, which commits concurrent
/// writes together (one disk flush for many turns).
/// </summary>
public sealed partial class ChatCareDatabase : IDisposable
{
    private readonly LiteDbGroupCommitWriter _writer;

    /// <summary>Opens (or creates) the database in the configured data directory.</summary>
    public ChatCareDatabase(IOptions<ChatCareOptions> options, IOptions<StorageOptions>? storage = null, ILogger<ChatCareDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, "chatcare.db");
        TurnDurability = storage?.Value.TurnDurability ?? TurnDurability.Synchronous;
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
        var log = logger ?? NullLogger<ChatCareDatabase>.Instance;
        _writer = new LiteDbGroupCommitWriter(Database, ex => WriteFailed(log, ex));
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>The database, for reads. Write through <see cref="WriteAsync{T}"/>.</summary>
    public LiteDatabase Database { get; }

    /// <summary>When turn data (state, transcript) count as saved.</summary>
    public TurnDurability TurnDurability { get; }

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

    /// <summary>
    /// What a store of turn data (state, transcript) awaits for a queued write: the commit with
    /// <see cref="TurnDurability.Synchronous"/>, nothing with <see cref="TurnDurability.Batched"/> (a failure is then
    /// logged by the writer). Either way the write commits before any write queued after it.
    /// </summary>
    public Task TurnDataSaved(Task committed) => TurnDurability == TurnDurability.Synchronous ? committed : Task.CompletedTask;

    /// <summary>Commits what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        Database.Dispose();
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "A write to the LiteDB store failed and was rolled back.")]
    private static partial void WriteFailed(ILogger logger, Exception exception);
}
