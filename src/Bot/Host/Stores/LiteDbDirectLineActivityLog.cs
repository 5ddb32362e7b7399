using JsonSerializer = System.Text.Json.JsonSerializer;
using System.Globalization;
using ChatCare.Channels.DirectLine.ActivityLog;
using ChatCare.Core.Activities;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>
/// Direct Line history in LiteDB. Activities live in <c>directline_activities</c> keyed <c>{conversationId}|{sequence:D12}</c>,
/// so the primary-key index orders them by conversation and sequence and a watermark read is one range scan.
/// Conversations and their last sequence live in <c>directline_conversations</c>.
/// </summary>
public sealed class LiteDbDirectLineActivityLog : IDirectLineActivityLog
{
    private const string Conversations = "directline_conversations";
    private const string Activities = "directline_activities";
    private const long MaxSequence = 999_999_999_999;
    private readonly ChatCareDatabase _database;
    private readonly ILiteCollection<BsonDocument> _conversations;
    private readonly ILiteCollection<BsonDocument> _activities;

    /// <summary>Uses the <c>directline_conversations</c> and <c>directline_activities</c> collections.</summary>
    public LiteDbDirectLineActivityLog(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
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
        return Task.FromResult(document is null ? null : new DirectLineConversationRecord(
            conversationId,
            document["userId"].AsString,
            new DateTimeOffset(document["created"].AsDateTime.ToUniversalTime(), TimeSpan.Zero),
            document["lastSequence"].AsInt64));
    }

    /// <inheritdoc />
    /// <remarks>Sequences are numbered on the single writer thread, inside the commit that stores them: no gaps, no reuse.</remarks>
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
        return _database.WriteAsync<IReadOnlyList<LoggedActivity>>(db =>
        {
            var conversations = db.GetCollection(Conversations);
            var conversation = conversations.FindById(conversationId)
                ?? throw new InvalidOperationException($"Direct Line conversation {conversationId} was never started.");
            var sequence = conversation["lastSequence"].AsInt64;
            var logged = new List<LoggedActivity>(activities.Count);
            foreach (var activity in activities)
            {
                logged.Add(new LoggedActivity(++sequence, stamp(sequence, activity)));
            }
            db.GetCollection(Activities).Upsert(logged.Select(l => new BsonDocument
            {
                ["_id"] = Key(conversationId, l.Sequence),
                ["conversationId"] = conversationId,
                ["sequence"] = l.Sequence,
                ["clientKey"] = ClientActivityIds.Of(l.Activity) is { } clientId ? conversationId + "|" + clientId : BsonValue.Null,
                ["json"] = JsonSerializer.Serialize(l.Activity, ActivityJson.Context.Activity),
            }));
            conversation["lastSequence"] = sequence;
            conversations.Update(conversation);
            return logged;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var from = Key(conversationId, Math.Max(0, afterSequence) + 1);
        var to = Key(conversationId, MaxSequence);
        IReadOnlyList<LoggedActivity> found = [.. _activities.Query()
            .Where(Query.Between("_id", from, to))
            .OrderBy("_id")
            .Limit(limit)
            .ToEnumerable()
            .Select(ToLogged)];
        return Task.FromResult(found);
    }

    /// <inheritdoc />
    public Task<LoggedActivity?> FindByClientActivityIdAsync(string conversationId, string clientActivityId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _activities.FindOne(Query.EQ("clientKey", conversationId + "|" + clientActivityId));
        return Task.FromResult(document is null ? null : ToLogged(document));
    }

    private static LoggedActivity ToLogged(BsonDocument document) => new(
        document["sequence"].AsInt64,
        JsonSerializer.Deserialize(document["json"].AsString, ActivityJson.Context.Activity)
            ?? throw new InvalidDataException("A stored Direct Line activity is empty."));

    // Zero-padded so string order is numeric order within a conversation.
    private static string Key(string conversationId, long sequence) =>
        conversationId + "|" + sequence.ToString("D12", CultureInfo.InvariantCulture);
}
