using ChatCare.Staff;
using LiteDB;

namespace ChatCare.Bot.Stores;

/// <summary>Staff accounts in the <c>staff</c> collection, keyed by the normalised sign-in name.</summary>
public sealed class LiteDbStaffAccountStore : IStaffAccountStore
{
    private readonly ILiteCollection<BsonDocument> _accounts;

    /// <summary>Uses the <c>staff</c> collection.</summary>
    public LiteDbStaffAccountStore(ChatCareDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Prepare(db => ChatCareDatabase.CreateCollection(db, "staff"));
        _accounts = database.Database.GetCollection("staff");
    }

    /// <inheritdoc />
    public Task<StaffAccount?> FindAsync(string user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _accounts.FindById(StaffAccount.NormalizeUser(user));
        return Task.FromResult(document is null ? null : FromDocument(document));
    }

    /// <inheritdoc />
    public Task<bool> UpsertAsync(StaffAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        cancellationToken.ThrowIfCancellationRequested();
        var document = new BsonDocument
        {
            ["_id"] = StaffAccount.NormalizeUser(account.User),
            ["name"] = account.DisplayName,
            ["role"] = account.Role,
            ["hash"] = account.PasswordHash,
            ["teams"] = new BsonArray(account.Teams.Select(t => new BsonValue(t))),
            ["capacity"] = account.Capacity is { } capacity ? new BsonValue(capacity) : BsonValue.Null,
            ["created"] = account.CreatedAt.UtcDateTime,
        };
        return Task.FromResult(_accounts.Upsert(document));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<StaffAccount> accounts = [.. _accounts.FindAll().Select(FromDocument).OrderBy(a => a.User, StringComparer.Ordinal)];
        return Task.FromResult(accounts);
    }

    private static StaffAccount FromDocument(BsonDocument document) => new()
    {
        User = document["_id"].AsString,
        DisplayName = document["name"].AsString,
        Role = document["role"].AsString,
        PasswordHash = document["hash"].AsString,
        Teams = [.. document["teams"].AsArray.Select(t => t.AsString)],
        Capacity = document["capacity"].IsNull ? null : document["capacity"].AsInt32,
        CreatedAt = new DateTimeOffset(document["created"].AsDateTime.ToUniversalTime(), TimeSpan.Zero),
    };
}
