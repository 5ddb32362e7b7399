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

    /// <summary>
    /// How many journaled turn writes LiteDB may be behind before a turn waits for it to catch up: bounds the memory the
    /// queue takes when writes arrive faster than LiteDB applies them.
    /// </summary>
    [Range(1, 1_000_000)]
    public int WriteBehindBacklog { get; set; } = 20_000;

    /// <summary>
    /// How long LiteDB's writer may wait to gather journaled turn writes into one transaction (nobody waits for them:
    /// the turn already ended). 0 applies each at once.
    /// </summary>
    [Range(0, 1000)]
    public int WriteBehindDelayMilliseconds { get; set; } = 5;

    /// <summary>Size at which the write-ahead journal starts a new segment file; applied segments are deleted.</summary>
    [Range(1, 4096)]
    public int JournalSegmentMegabytes { get; set; } = 16;

    /// <summary>Minutes without a turn after which a conversation's state leaves memory.</summary>
    [Range(1, 24 * 60)]
    public int CachedConversationIdleMinutes { get; set; } = 30;
}

/// <summary>
/// When committed writes reach the disk. Either way a reply leaves only after its turn is written to the operating
/// system (the journal, or LiteDB's files), so a crash of ChatCare itself (a kill, an exception, a restart) never loses
/// an answered turn.
/// </summary>
public enum DiskFlush
{
    /// <summary>
    /// Flushed every <see cref="StorageOptions.DiskFlushIntervalMilliseconds"/> (and on shutdown). A power cut or an
    /// operating-system crash can lose the last interval's commits; the file stays consistent (LiteDB's log is replayed
    /// only up to the last whole transaction). The trade-off SQLite makes with WAL and <c>synchronous=NORMAL</c>.
    /// </summary>
    Periodic,

    /// <summary>
    /// Every commit is flushed before it completes (fsync), and every turn's journal record before the turn ends: nothing
    /// is lost even on power loss; each costs a disk flush (concurrent turns share one).
    /// </summary>
    EveryCommit,
}
