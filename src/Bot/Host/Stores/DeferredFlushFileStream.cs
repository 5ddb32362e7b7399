namespace ChatCare.Bot.Stores;

/// <summary>
/// A file LiteDB writes through without forcing each commit to the disk: LiteDB flushes to disk only when its stream
/// is a <see cref="FileStream"/>, so this wrapper (not a FileStream) turns a commit into plain writes to the operating
/// system, and <see cref="FlushToDisk"/> forces them to the disk on ChatCare's schedule.
/// </summary>
/// <remarks>
/// The file is opened unbuffered, so every write reaches the operating system at once (and survives a crash of the
/// process), and the periodic flush has no buffer to race with LiteDB's writes: it only asks the OS to sync the file.
/// </remarks>
internal sealed class DeferredFlushFileStream(string path) : Stream
{
    // Exclusive: a second ChatCare on the same data directory fails at start instead of corrupting the file.
    private readonly FileStream _file = new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    /// <summary>Forces everything written so far to the disk.</summary>
    public void FlushToDisk() => _file.Flush(flushToDisk: true);

    public override void Flush() => _file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value) => _file.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => _file.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
