namespace ChatCare.Skills.Complaints;

/// <summary>Signed, expiring links to pages that show personal data (the complaint receipt, a data export).</summary>
public interface ILinkSigner
{
    /// <summary>The link to <paramref name="path"/> with its expiry and HMAC signature, under the public base URL.</summary>
    string Link(string path, DateTimeOffset expires);

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="path"/> with <paramref name="expires"/> and it has not expired at <paramref name="now"/>.</summary>
    bool Verify(string path, long expires, string signature, DateTimeOffset now);
}
