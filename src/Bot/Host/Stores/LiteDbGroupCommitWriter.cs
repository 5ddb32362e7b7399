using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The one thread that writes to the LiteDB file. Writes queue up while a commit is on disk, and the next commit takes
/// all of them in one transaction, so N concurrent turns cost one disk flush instead of N (group commit).
/// Writes are applied in queue order. LiteDB transactions belong to a thread, hence a dedicated thread, not tasks.
/// Nobody waits for a lazy write (a journaled write-behind), so when only lazy writes are queued the writer lingers a few
/// milliseconds to gather more: far fewer, larger transactions, and LiteDB's cost per commit is paid once for all of them.
/// </summary>
internal sealed class LiteDbGroupCommitWriter : IDisposable
{
    private const int MaxBatch = 512;
    private readonly LiteDatabase _database;
    private readonly Action<Exception> _onFailure;
    private readonly Action _forceToDisk;
    private readonly ICommitHook? _hook;
    private readonly Queue<QueuedWrite> _queue = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse need an object, not a Lock
    private readonly Thread _thread;
    private readonly TimeSpan _lazyDelay;
    private int _urgentQueued;
    private bool _closed;

    public LiteDbGroupCommitWriter(LiteDatabase database, Action<Exception> onFailure, Action forceToDisk, ICommitHook? hook = null,
        TimeSpan lazyDelay = default)
    {
        _lazyDelay = lazyDelay;
        _database = database;
        _onFailure = onFailure;
        _forceToDisk = forceToDisk;
        _hook = hook;
        _thread = new Thread(Run) { IsBackground = true, Name = "ChatCare LiteDB writer" };
        _thread.Start();
    }

    /// <summary>
    /// Queues <paramref name="write"/>; the task completes with its result once it is committed, and with
    /// <paramref name="forceToDisk"/> once the files are also forced to the disk.
    /// </summary>
    public Task<object?> Enqueue(Func<LiteDatabase, object?> write, bool forceToDisk)
    {
        var completion = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Add(new QueuedWrite(write, forceToDisk, Urgent: true, completion, Done: null));
        return completion.Task;
    }

    /// <summary>
    /// Queues a write nobody waits for (a journaled write-behind): it may wait up to the lazy delay for others to share
    /// its transaction. <paramref name="done"/> runs on the writer thread once it is committed (with <c>null</c>) or
    /// refused (with the error), so it must be quick and must not throw. No task per write: there are two per turn.
    /// </summary>
    public void EnqueueLazy(Func<LiteDatabase, object?> write, Action<Exception?> done) =>
        Add(new QueuedWrite(write, ForceToDisk: false, Urgent: false, Completion: null, done));

    private void Add(QueuedWrite queued)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Enqueue(queued);
            if (queued.Urgent)
            {
                _urgentQueued++;
            }
            // Wake the writer for the first write (it then lingers if all are lazy), for an urgent one, or for a full batch.
            if (_queue.Count == 1 || queued.Urgent || _queue.Count >= MaxBatch)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Commits everything queued, then stops the thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.Pulse(_gate);
        }
        _thread.Join();
    }

    private void Run()
    {
        var batch = new List<QueuedWrite>(MaxBatch);
        while (TakeBatch(batch))
        {
            try
            {
                Commit(batch);
            }
            catch (Exception ex)
            {
                // Only a failing rollback gets here. The thread must live on: an exception would end the process.
                _onFailure(ex);
                batch.ForEach(write => write.Fail(ex));
            }
            batch.Clear();
        }
    }

    private bool TakeBatch(List<QueuedWrite> batch)
    {
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_closed)
                {
                    return false;
                }
                Monitor.Wait(_gate);
            }
            if (_urgentQueued == 0 && !_closed && _queue.Count < MaxBatch && _lazyDelay > TimeSpan.Zero)
            {
                Monitor.Wait(_gate, _lazyDelay);
            }
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var write))
            {
                batch.Add(write);
                if (write.Urgent)
                {
                    _urgentQueued--;
                }
            }
            return true;
        }
    }

    private void Commit(List<QueuedWrite> batch)
    {
        var results = new object?[batch.Count];
        try
        {
            _database.BeginTrans();
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = batch[i].Write(_database);
            }
            _hook?.BeforeCommit(_database);
            _database.Commit();
            _hook?.Committed();
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One write failed: undo the batch and commit the others one by one, so only the faulty write fails.
            _database.Rollback();
            _hook?.RolledBack();
            _onFailure(ex);
            foreach (var write in batch)
            {
                Commit([write]);
            }
            return;
        }
        catch (Exception ex)
        {
            _database.Rollback();
            _hook?.RolledBack();
            _onFailure(ex);
            batch[0].Fail(ex);
            return;
        }
        var diskFailure = batch.Exists(write => write.ForceToDisk) ? TryForceToDisk() : null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (diskFailure is not null && batch[i].ForceToDisk)
            {
                // Committed, but not known to be on the disk: the caller must not acknowledge it as such.
                batch[i].Fail(diskFailure);
            }
            else
            {
                batch[i].Succeed(results[i]);
            }
        }
    }

    private IOException? TryForceToDisk()
    {
        try
        {
            _forceToDisk();
            return null;
        }
        catch (IOException ex)
        {
            _onFailure(ex);
            return ex;
        }
    }

    /// <summary>A write and whoever learns how it ended: an awaiting caller (<paramref name="Completion"/>) or a callback.</summary>
    private sealed record QueuedWrite(Func<LiteDatabase, object?> Write, bool ForceToDisk, bool Urgent,
        TaskCompletionSource<object?>? Completion, Action<Exception?>? Done)
    {
        public void Succeed(object? result)
        {
            Completion?.TrySetResult(result);
            Done?.Invoke(null);
        }

        public void Fail(Exception ex)
        {
            Completion?.TrySetException(ex);
            Done?.Invoke(ex);
        }
    }
}

/// <summary>Lets the owner of the writer add to each transaction just before it commits, and learn how it ended.</summary>
internal interface ICommitHook
{
    /// <summary>Runs inside the transaction, after its writes, on the writer thread.</summary>
    void BeforeCommit(LiteDatabase database);

    /// <summary>The transaction committed.</summary>
    void Committed();

    /// <summary>The transaction was rolled back.</summary>
    void RolledBack();
}
