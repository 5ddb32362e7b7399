using System.Security.Cryptography;

namespace ChatCare.Core.Security;

/// <summary>
/// A signing key used when none is configured: 32 random bytes generated on first use and kept in a file of the data
/// directory, so what it signed (Direct Line tokens, complaint links) survives a restart and nothing needs configuring.
/// Deleting the file revokes everything signed with it. One file per purpose, so one leak does not forge the others.
/// </summary>
public static class KeyFile
{
    private const int KeyBytes = 32;

    /// <summary>Reads the key <paramref name="fileName"/> in <paramref name="dataDirectory"/>, creating it (readable by the owner only) when missing.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold a key.</exception>
    public static byte[] LoadOrCreate(string dataDirectory, string fileName)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        try
        {
            var key = RandomNumberGenerator.GetBytes(KeyBytes);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(path, create))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created earlier (or by a concurrent start): use that one.
            var existing = File.ReadAllBytes(path);
            return existing.Length == KeyBytes
                ? existing
                : throw new InvalidDataException($"{path} does not hold a {KeyBytes}-byte key; delete it to generate a new one.");
        }
    }
}
