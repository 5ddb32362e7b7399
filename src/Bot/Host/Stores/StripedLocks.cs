namespace ChatCare.Bot.Stores;

/// <summary>
/// A fixed set of locks shared out by key: two callers with one key always get the same lock, while most other keys
/// get other locks. For short, synchronous sections only (check-and-journal), never across an await.
/// </summary>
internal sealed class StripedLocks
{
    private readonly Lock[] _locks;

    public StripedLocks(int stripes = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stripes);
        _locks = [.. Enumerable.Range(0, stripes).Select(_ => new Lock())];
    }

    /// <summary>The lock of <paramref name="key"/>.</summary>
    public Lock For(string key) => _locks[(key.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % _locks.Length];
}
