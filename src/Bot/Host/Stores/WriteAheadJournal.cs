using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace ChatCare.Bot.Stores;

/// <summary>
/// An append-only redo log in front of LiteDB for the writes of a turn (conversation state, transcript). A turn's write
/// is durable against a crash of ChatCare as soon as it is appended here (one <c>write</c> to the operating system), and
/// LiteDB applies it behind, in large batches, on its writer thread. At start-up whatever LiteDB had not applied yet is
/// replayed. It is what lets a turn finish in well under a millisecond while LiteDB's own commit costs several.
/// </summary>
/// <remarks>
/// Files are <c>{DataDirectory}/journal/{firstSequence}.log</c> segments. A record is
/// <c>[length: int32 LE][CRC-32 of payload: uint32 LE][payload]</c>; the payload starts with its sequence number
/// (int64 LE). A torn last record (a crash in the middle of a write) fails its CRC and ends the replay there.
/// A segment is deleted once every record in it is applied and LiteDB's files are forced to the disk.
/// Written by hand: no journal/WAL library is in the package registry available here, and this is ~200 lines.
/// </remarks>
internal sealed class WriteAheadJournal : IDisposable
{
    private const int HeaderBytes = 8;
    private const int MaxRecordBytes = 64 * 1024 * 1024;
    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly Lock _appendGate = new();
    private readonly Lock _syncGate = new();
    private readonly List<SealedSegment> _sealed = [];
    private FileStream _current;
    private long _currentLength; // tracked here: FileStream.Length asks the OS (fstat) on every call
    private long _nextSequence;
    private long _syncedSequence;
    private bool _disposed;

    private WriteAheadJournal(string directory, long segmentBytes, long nextSequence)
    {
        _directory = directory;
        _segmentBytes = segmentBytes;
        _nextSequence = nextSequence;
        _syncedSequence = nextSequence - 1;
        _current = OpenSegment(nextSequence);
    }

    /// <summary>The folder of the segments.</summary>
    public static string DirectoryOf(string dataDirectory) => Path.Combine(dataDirectory, "journal");

    /// <summary>
    /// Reads every whole record left in <paramref name="directory"/> (in sequence order) for replay, then deletes nothing:
    /// call <see cref="StartFresh"/> once the replayed records are applied and on the disk.
    /// </summary>
    public static List<JournalEntry> ReadAll(string directory, Action<string> onTornRecord)
    {
        var entries = new List<JournalEntry>();
        if (!Directory.Exists(directory))
        {
            return entries;
        }
        foreach (var path in Segments(directory))
        {
            ReadSegment(path, entries, onTornRecord);
        }
        return entries;
    }

    /// <summary>Deletes the old segments (all applied) and opens a new one whose first record is <paramref name="nextSequence"/>.</summary>
    public static WriteAheadJournal StartFresh(string directory, long segmentBytes, long nextSequence)
    {
        Directory.CreateDirectory(directory);
        foreach (var path in Segments(directory))
        {
            File.Delete(path);
        }
        return new WriteAheadJournal(directory, segmentBytes, nextSequence);
    }

    /// <summary>
    /// Appends a record and returns its sequence number. It has reached the operating system when this returns.
    /// <paramref name="whileOrdered"/> runs under the append lock once the record is written, so whatever it queues
    /// elsewhere is in sequence order too.
    /// </summary>
    public long Append(ReadOnlySpan<byte> body, Action<long> whileOrdered)
    {
        var length = sizeof(long) + body.Length;
        if (length > MaxRecordBytes)
        {
            throw new ArgumentException($"A journal record is limited to {MaxRecordBytes} bytes.", nameof(body));
        }
        var record = new byte[HeaderBytes + length];
        lock (_appendGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var sequence = _nextSequence;
            var payload = record.AsSpan(HeaderBytes);
            BinaryPrimitives.WriteInt64LittleEndian(payload, sequence);
            body.CopyTo(payload[sizeof(long)..]);
            BinaryPrimitives.WriteInt32LittleEndian(record, length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(payload));
            if (_currentLength + record.Length > _segmentBytes && _currentLength > 0)
            {
                Roll(sequence);
            }
            // One unbuffered write: the whole record reaches the OS at once.
            try
            {
                _current.Write(record);
            }
            catch (IOException)
            {
                // A partial record (a full disk) would end every later replay early: cut it off, and fail this turn only.
                TryTruncate(_currentLength);
                throw;
            }
            _currentLength += record.Length;
            _nextSequence = sequence + 1;
            whileOrdered(sequence);
            return sequence;
        }
    }

    /// <summary>
    /// Forces every record up to <paramref name="sequence"/> to the disk. Callers that arrive while a sync is running wait
    /// for it and usually find their record already covered (group sync).
    /// </summary>
    public void SyncTo(long sequence)
    {
        lock (_syncGate)
        {
            if (Volatile.Read(ref _syncedSequence) >= sequence)
            {
                return;
            }
            FileStream current;
            long upTo;
            lock (_appendGate)
            {
                if (_disposed)
                {
                    return;
                }
                current = _current;
                upTo = _nextSequence - 1;
            }
            try
            {
                current.Flush(flushToDisk: true);
            }
            catch (ObjectDisposedException)
            {
                // Rolled meanwhile: a sealed segment is synced when it is sealed.
            }
            Volatile.Write(ref _syncedSequence, upTo);
        }
    }

    /// <summary>Forces everything appended so far to the disk.</summary>
    public void SyncAll()
    {
        long last;
        lock (_appendGate)
        {
            last = _nextSequence - 1;
        }
        SyncTo(last);
    }

    /// <summary>Deletes the sealed segments whose records are all at or below <paramref name="appliedAndOnDisk"/>.</summary>
    public void DeleteAppliedSegments(long appliedAndOnDisk)
    {
        List<SealedSegment> deletable;
        lock (_appendGate)
        {
            deletable = _sealed.FindAll(segment => segment.LastSequence <= appliedAndOnDisk);
            _sealed.RemoveAll(segment => segment.LastSequence <= appliedAndOnDisk);
        }
        foreach (var segment in deletable)
        {
            File.Delete(segment.Path);
        }
    }

    /// <summary>Closes the current segment; with <paramref name="deleteAll"/> (everything applied and on disk) removes every segment.</summary>
    public void Close(bool deleteAll)
    {
        lock (_appendGate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _current.Flush(flushToDisk: true);
            _current.Dispose();
        }
        if (deleteAll)
        {
            foreach (var path in Segments(_directory))
            {
                File.Delete(path);
            }
        }
    }

    public void Dispose() => Close(deleteAll: false);

    private void Roll(long firstSequenceOfNext)
    {
        // Sealed segments are synced once, here, so SyncTo only ever needs the current one.
        _current.Flush(flushToDisk: true);
        _sealed.Add(new SealedSegment(_current.Name, firstSequenceOfNext - 1));
        _current.Dispose();
        _current = OpenSegment(firstSequenceOfNext);
        _currentLength = 0;
    }

    private void TryTruncate(long length)
    {
        try
        {
            _current.SetLength(length);
            _current.Position = length;
        }
        catch (IOException)
        {
            // Nothing more can be done here; the replay stops at the torn record and logs it.
        }
    }

    private FileStream OpenSegment(long firstSequence) =>
        new(Path.Combine(_directory, firstSequence.ToString("D19", CultureInfo.InvariantCulture) + ".log"),
            FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);

    private static IEnumerable<string> Segments(string directory) =>
        Directory.EnumerateFiles(directory, "*.log").Order(StringComparer.Ordinal);

    private static void ReadSegment(string path, List<JournalEntry> entries, Action<string> onTornRecord)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < HeaderBytes)
            {
                onTornRecord(path);
                return;
            }
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (length < sizeof(long) || length > bytes.Length - offset - HeaderBytes)
            {
                onTornRecord(path);
                return;
            }
            var payload = bytes.AsMemory(offset + HeaderBytes, length);
            if (Crc32.HashToUInt32(payload.Span) != crc)
            {
                onTornRecord(path);
                return;
            }
            entries.Add(new JournalEntry(BinaryPrimitives.ReadInt64LittleEndian(payload.Span), payload[sizeof(long)..]));
            offset += HeaderBytes + length;
        }
    }

    private sealed record SealedSegment(string Path, long LastSequence);
}

/// <summary>A record read back from the journal.</summary>
/// <param name="Sequence">Its sequence number (increasing, gap-free within one run).</param>
/// <param name="Body">What was appended.</param>
internal readonly record struct JournalEntry(long Sequence, ReadOnlyMemory<byte> Body);
