using System.Collections.Concurrent;
using System.Globalization;
using JsonSerializer = System.Text.Json.JsonSerializer;
using ChatCare.Channels.DirectLine.ActivityLog;
using ChatCare.Core.Activities;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Direct Line history in LiteDB. Activities live in <c>directline_activities</c> keyed <c>{conversationId}|{sequence:D12}</c>,
/// so the primary-key index orders them by conversation and sequence and a watermark read is one range scan.
/// Conversations live in <c>directline_conversations</c>.
/// </summary>
/// <remarks>
/// Appends are journaled (<see cref="ChatCareDatabase.WriteBehindAsync"/>) and LiteDB applies them behind, so a web chat
/// message does not wait for two LiteDB commits (its echo and the replies) that can queue behind other writes. Until
/// LiteDB has them, a conversation's newest activities and its sequence counter are held in <see cref="_open"/>, and
/// reads merge them in: the memory copy is authoritative because this process is the only writer of the file.
/// </remarks>
public sealed class LiteDbDirectLineActivityLog : IDirectLineActivityLog
{
    private const string Conversations = "directline_conversations";
    private const string Activities = "directline_activities";
    private const long MaxSequence = 999_999_999_999;
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _conversations;
    private readonly ILiteCollection<BsonDocument> _activities;
    private readonly ConcurrentDictionary<string, OpenLog> _open = new(StringComparer.Ordinal);
    // Numbering, journaling and leaving memory of one conversation happen under its lock: an entry read from the file
    // while another one of the same conversation leaves could otherwise miss the activities that one just applied.
    private readonly StripedLocks _locks = new();

    /// <summary>Uses the <c>directline_conversations</c> and <c>directline_activities</c> collections.</summary>
    public LiteDbDirectLineActivityLog(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        // Both exist before any reader: the writer fills activities behind while requests read them (LiteDB #2792).
        database.Prepare(db =>
        {
            ChatCareDatabase.CreateCollection(db, Conversations);
            db.GetCollection(Activities).EnsureIndex("clientKey");
        });
        _conversations = database.Database.GetCollection(Conversations);
        _activities = database.Database.GetCollection(Activities);
    }

    /// <inheritdoc />
    /// <remarks>Check and insert run on the single writer thread, so two creations of one id cannot both succeed.</remarks>
    public Task<bool> CreateConversationAsync(string conversationId, string userId, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        _database.WriteAsync(db =>
        {
            var conversations = db.GetCollection(Conversations);
            return conversations.FindById(conversationId) is null && conversations.Insert(new BsonDocument
            {
                ["_id"] = conversationId,
                ["userId"] = userId,
                ["created"] = createdAt.UtcDateTime,
                ["lastSequence"] = 0L,
            }) is not null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<DirectLineConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _conversations.FindById(conversationId);
        if (document is null)
        {
            return Task.FromResult<DirectLineConversationRecord?>(null);
        }
        long lastSequence;
        lock (_locks.For(conversationId))
        {
            lastSequence = _open.TryGetValue(conversationId, out var open) ? open.LastSequence : StoredLastSequence(conversationId, document);
        }
        return Task.FromResult<DirectLineConversationRecord?>(new DirectLineConversationRecord(
            conversationId,
            document["userId"].AsString,
            new DateTimeOffset(document["created"].AsDateTime.ToUniversalTime(), TimeSpan.Zero),
            lastSequence));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Sequences are numbered under the conversation's lock, which also journals the activities, so they reach LiteDB in
    /// sequence order: no gaps, no reuse. The task completes once they are in the journal.
    /// </remarks>
    public Task<IReadOnlyList<LoggedActivity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities,
        Func<long, Activity, Activity> stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(stamp);
        cancellationToken.ThrowIfCancellationRequested();
        if (activities.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<LoggedActivity>>([]);
        }
        List<PendingActivity> appended;
        Task durable;
        lock (_locks.For(conversationId))
        {
            _open.TryGetValue(conversationId, out var open);
            // Not in memory means nothing of it is pending: the file has all of it.
            appended = Number(conversationId, open?.LastSequence ?? StoredLastSequence(conversationId), activities, stamp);
            if (open is null)
            {
                open = new OpenLog();
                _open[conversationId] = open;
            }
            durable = Journal(conversationId, open, appended);
        }
        IReadOnlyList<LoggedActivity> result = [.. appended.Select(pending => pending.Logged)];
        return durable.IsCompletedSuccessfully ? Task.FromResult(result) : AwaitDurableAsync(durable, result, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Memory first, then the file: what leaves memory in between is in the file by then (LiteDB applies in order).
        var pending = PendingOf(conversationId, p => p.Logged.Sequence > afterSequence);
        var from = Key(conversationId, Math.Max(0, afterSequence) + 1);
        var to = Key(conversationId, MaxSequence);
        var stored = _activities.Query()
            .Where(Query.Between("_id", from, to))
            .OrderBy("_id")
            .Limit(limit)
            .ToEnumerable()
            .Select(ToLogged);
        IReadOnlyList<LoggedActivity> found = pending.Count == 0
            ? [.. stored]
            : [.. stored.Concat(pending.Select(p => p.Logged)).DistinctBy(l => l.Sequence).OrderBy(l => l.Sequence).Take(limit)];
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<LoggedActivity?> FindByClientActivityIdAsync(string conversationId, string clientActivityId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = conversationId + "|" + clientActivityId;
        if (PendingOf(conversationId, p => p.ClientKey == key) is [var pending, ..])
        {
            return Task.FromResult<LoggedActivity?>(pending.Logged);
        }
        var document = _activities.FindOne(Query.EQ("clientKey", key));
        return Task.FromResult(document is null ? null : ToLogged(document));
    }

    /// <summary>Numbers and stamps <paramref name="activities"/> after <paramref name="lastSequence"/>.</summary>
    private static List<PendingActivity> Number(string conversationId, long lastSequence, IReadOnlyList<Activity> activities,
        Func<long, Activity, Activity> stamp)
    {
        var numbered = new List<PendingActivity>(activities.Count);
        foreach (var activity in activities)
        {
            var logged = new LoggedActivity(++lastSequence, stamp(lastSequence, activity));
            numbered.Add(new PendingActivity(logged, ClientKey(conversationId, logged.Activity)));
        }
        return numbered;
    }

    /// <summary>Holds <paramref name="appended"/> in memory and journals it. Under the conversation's lock.</summary>
    private Task Journal(string conversationId, OpenLog open, List<PendingActivity> appended)
    {
        var (first, last) = (appended[0].Logged.Sequence, appended[^1].Logged.Sequence);
        open.Pending.AddRange(appended);
        try
        {
            var durable = _database.WriteBehindAsync(Activities, JournalOperation.Upsert,
                [.. appended.Select(pending => ToDocument(conversationId, pending))],
                applied: refused => Applied(conversationId, open, first, last, refused));
            open.LastSequence = last;
            return durable;
        }
        catch
        {
            // Not journaled (e.g. a full disk): the numbers stay free and nobody reads these activities.
            open.Pending.RemoveRange(open.Pending.Count - appended.Count, appended.Count);
            if (open.Pending.Count == 0)
            {
                _open.TryRemove(new KeyValuePair<string, OpenLog>(conversationId, open));
            }
            throw;
        }
    }

    /// <summary>On LiteDB's writer thread, once it has sequences <paramref name="first"/>–<paramref name="last"/> or refused them.</summary>
    private void Applied(string conversationId, OpenLog open, long first, long last, Exception? refused)
    {
        if (refused is not null)
        {
            // Kept beside the journal, not in the file: the activities stay readable from memory, and the file learns that
            // their numbers are taken, so they are not handed out again (after a restart neither).
            _ = RecordTakenAsync(conversationId, last);
            return;
        }
        // Off the writer thread, which must never wait for a request holding the conversation's lock. Leaving memory a
        // little late is harmless: reads skip what the file also has.
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            lock (_locks.For(conversationId))
            {
                open.Pending.RemoveAll(pending => pending.Logged.Sequence >= first && pending.Logged.Sequence <= last);
                if (open.Pending.Count == 0)
                {
                    _open.TryRemove(new KeyValuePair<string, OpenLog>(conversationId, open));
                }
            }
        }, null);
    }

    /// <summary>Raises the conversation's stored last sequence to <paramref name="last"/>.</summary>
    private async Task RecordTakenAsync(string conversationId, long last)
    {
        try
        {
            await _database.WriteAsync(db =>
            {
                var conversations = db.GetCollection(Conversations);
                if (conversations.FindById(conversationId) is { } conversation && conversation["lastSequence"].AsInt64 < last)
                {
                    conversation["lastSequence"] = last;
                    conversations.Update(conversation);
                }
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (LiteException)
        {
            // The writer has logged it; the numbers are still taken in memory until the process ends.
        }
    }

    /// <summary>
    /// The newest stored sequence: the last key of the conversation's range, or the conversation's <c>lastSequence</c>
    /// when that is higher (files from before appends were journaled, and numbers of writes LiteDB refused).
    /// </summary>
    private long StoredLastSequence(string conversationId, BsonDocument? conversation = null)
    {
        conversation ??= _conversations.FindById(conversationId)
            ?? throw new InvalidOperationException($"Direct Line conversation {conversationId} was never started.");
        var newest = _activities.Query()
            .Where(Query.Between("_id", Key(conversationId, 1), Key(conversationId, MaxSequence)))
            .OrderByDescending("_id")
            .Limit(1)
            .ToEnumerable()
            .FirstOrDefault();
        return Math.Max(conversation["lastSequence"].AsInt64, newest?["sequence"].AsInt64 ?? 0);
    }

    private List<PendingActivity> PendingOf(string conversationId, Func<PendingActivity, bool> match)
    {
        lock (_locks.For(conversationId))
        {
            return _open.TryGetValue(conversationId, out var open) ? [.. open.Pending.Where(match)] : [];
        }
    }

    private static async Task<IReadOnlyList<LoggedActivity>> AwaitDurableAsync(Task durable, IReadOnlyList<LoggedActivity> result,
        CancellationToken cancellationToken)
    {
        await durable.WaitAsync(cancellationToken);
        return result;
    }

    private static BsonDocument ToDocument(string conversationId, PendingActivity pending) => new()
    {
        ["_id"] = Key(conversationId, pending.Logged.Sequence),
        ["conversationId"] = conversationId,
        ["sequence"] = pending.Logged.Sequence,
        ["clientKey"] = pending.ClientKey is { } clientKey ? clientKey : BsonValue.Null,
        ["json"] = JsonSerializer.Serialize(pending.Logged.Activity, ActivityJson.Context.Activity),
    };

    private static LoggedActivity ToLogged(BsonDocument document) => new(
        document["sequence"].AsInt64,
        JsonSerializer.Deserialize(document["json"].AsString, ActivityJson.Context.Activity)
            ?? throw new InvalidDataException("A stored Direct Line activity is empty."));

    private static string? ClientKey(string conversationId, Activity activity) =>
        ClientActivityIds.Of(activity) is { } clientId ? conversationId + "|" + clientId : null;

    // Zero-padded so string order is numeric order within a conversation.
    private static string Key(string conversationId, long sequence) =>
        conversationId + "|" + sequence.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>A conversation with activities LiteDB may not have yet. Guarded by its conversation's lock.</summary>
    private sealed class OpenLog
    {
        /// <summary>The newest sequence handed out.</summary>
        public long LastSequence { get; set; }

        /// <summary>Journaled, not yet in LiteDB (or refused by it); in sequence order.</summary>
        public List<PendingActivity> Pending { get; } = [];
    }

    private sealed record PendingActivity(LoggedActivity Logged, string? ClientKey);
}
