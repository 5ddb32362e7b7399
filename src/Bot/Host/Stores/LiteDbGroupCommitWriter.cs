using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// The one thread that writes to the LiteDB file. Writes queue up while a commit is on disk, and the next commit takes
/// all of them in one transaction, so N concurrent turns cost one disk flush instead of N (group commit).
/// Writes are applied in queue order. LiteDB transactions belong to a thread, hence a dedicated thread, not tasks.
/// </summary>
internal sealed class LiteDbGroupCommitWriter : IDisposable
{
    private const int MaxBatch = 512;
    private readonly LiteDatabase _database;
    private readonly Action<Exception> _onFailure;
    private readonly Queue<QueuedWrite> _queue = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse need an object, not a Lock
    private readonly Thread _thread;
    private bool _closed;

    public LiteDbGroupCommitWriter(LiteDatabase database, Action<Exception> onFailure)
    {
        _database = database;
        _onFailure = onFailure;
        _thread = new Thread(Run) { IsBackground = true, Name = "ChatCare LiteDB writer" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="write"/>; the task completes with its result once it is committed.</summary>
    public Task<object?> Enqueue(Func<LiteDatabase, object?> write)
    {
        var queued = new QueuedWrite(write, new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Enqueue(queued);
            Monitor.Pulse(_gate);
        }
        return queued.Completion.Task;
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
            Commit(batch);
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
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var write))
            {
                batch.Add(write);
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
            _database.Commit();
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One write failed: undo the batch and commit the others one by one, so only the faulty write fails.
            _database.Rollback();
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
            _onFailure(ex);
            batch[0].Completion.TrySetException(ex);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }
    }

    private sealed record QueuedWrite(Func<LiteDatabase, object?> Write, TaskCompletionSource<object?> Completion);
}
