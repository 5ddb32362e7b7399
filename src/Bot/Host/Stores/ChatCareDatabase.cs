using ChatCare.Core.Configuration;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Stores;

/// <summary>The embedded LiteDB file <c>{DataDirectory}/chatcare.db</c>, one per process, shared by every store.</summary>
public sealed class ChatCareDatabase : IDisposable
{
    /// <summary>Opens (or creates) the database in the configured data directory.</summary>
    public ChatCareDatabase(IOptions<ChatCareOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, "chatcare.db");
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>The database.</summary>
    public LiteDatabase Database { get; }

    /// <inheritdoc />
    public void Dispose() => Database.Dispose();
}
