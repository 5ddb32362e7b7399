using System.Security.Cryptography;

namespace ChatCare.Channels.DirectLine;

/// <summary>
/// The token signing key used when no site secret is configured: 32 random bytes generated on first start and kept in the data
/// directory, so tokens survive a restart and the page works with no configuration. Deleting the file revokes every token.
/// </summary>
public static class SigningKeyFile
{
    /// <summary>File name inside <c>ChatCare:DataDirectory</c>.</summary>
    public const string FileName = "directline-signing.key";

    private const int KeyBytes = 32;

    /// <summary>Reads the key in <paramref name="dataDirectory"/>, creating it (readable by the owner only) when missing.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold a key.</exception>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
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
