using System.ComponentModel.DataAnnotations;

namespace ChatCare.Bot.Stores;

/// <summary>How the embedded store reaches the disk, under <c>ChatCare:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Storage";

    /// <summary>When committed writes are forced from the operating system's cache to the disk.</summary>
    public DiskFlush DiskFlush { get; set; } = DiskFlush.Periodic;

    /// <summary>With <see cref="DiskFlush.Periodic"/>, how often the files are flushed to the disk.</summary>
    [Range(10, 60_000)]
    public int DiskFlushIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Conversation states kept in memory (recently active ones), so a turn reads its state without touching the file.</summary>
    [Range(0, 10_000_000)]
    public int CachedConversations { get; set; } = 2000;

    /// <summary>Minutes without a turn after which a conversation's state leaves memory.</summary>
    [Range(1, 24 * 60)]
    public int CachedConversationIdleMinutes { get; set; } = 30;
}

/// <summary>
/// When committed writes reach the disk. Either way a reply leaves only after its turn is committed and written to the
/// operating system, so a crash of ChatCare itself (a kill, an exception, a restart) never loses an answered turn.
/// </summary>
public enum DiskFlush
{
    /// <summary>
    /// Flushed every <see cref="StorageOptions.DiskFlushIntervalMilliseconds"/> (and on shutdown). A power cut or an
    /// operating-system crash can lose the last interval's commits; the file stays consistent (LiteDB's log is replayed
    /// only up to the last whole transaction). The trade-off SQLite makes with WAL and <c>synchronous=NORMAL</c>.
    /// </summary>
    Periodic,

    /// <summary>Every commit is flushed before it completes (fsync): nothing is lost even on power loss; each commit costs a disk flush.</summary>
    EveryCommit,
}
