namespace PalmKey.Storage.Entities;

/// <summary>
/// A tenant's data key, wrapped (AES-GCM) under the master key. Deleting the tenant's keys makes all
/// its encrypted fields unreadable: crypto-shredding.
/// </summary>
public sealed class TenantDataKey : ITenantOwned
{
    /// <summary>The key id, <c>dk_</c> and 26 base32 characters; encrypted fields name it.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The 32-byte key, encrypted under the master key: nonce, tag and ciphertext.</summary>
    public required byte[] WrappedKey { get; set; }

    /// <summary>The fingerprint of the master key that wrapped it.</summary>
    public required string MasterKeyId { get; set; }

    /// <summary>When the key was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether new writes use this key; exactly one key of a tenant is active.</summary>
    public bool IsActive { get; set; }
}
