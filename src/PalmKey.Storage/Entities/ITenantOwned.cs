namespace PalmKey.Storage.Entities;

/// <summary>
/// A row that belongs to one tenant. <see cref="PalmKeyDbContext"/> filters every query of such rows
/// by the caller's tenant and refuses to save one that belongs to another tenant.
/// </summary>
public interface ITenantOwned
{
    /// <summary>The owning tenant's id.</summary>
    string TenantId { get; }
}
