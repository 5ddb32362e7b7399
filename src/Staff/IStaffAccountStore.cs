namespace ChatCare.Staff;

/// <summary>Where staff accounts are kept (LiteDB in the host).</summary>
public interface IStaffAccountStore
{
    /// <summary>The account with sign-in name <paramref name="user"/> (any case), or null.</summary>
    Task<StaffAccount?> FindAsync(string user, CancellationToken cancellationToken);

    /// <summary>Creates the account or replaces the one with the same sign-in name; true when it was created.</summary>
    Task<bool> UpsertAsync(StaffAccount account, CancellationToken cancellationToken);

    /// <summary>Every account, by sign-in name.</summary>
    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken);
}
