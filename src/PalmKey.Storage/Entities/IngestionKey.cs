namespace PalmKey.Storage.Entities;

/// <summary>
/// A tenant's ingestion key pair (ECDH P-256): devices seal request bodies that carry palm frames to
/// the public key, and only the server, holding the private key, opens them. The private key is stored
/// only wrapped (AES-GCM) by the master key, like the data keys.
/// </summary>
public sealed class IngestionKey : ITenantOwned
{
    /// <summary>The key id, <c>ik_</c> and 26 base32 characters; sealed bodies name it.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The public key (SubjectPublicKeyInfo, DER).</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>The 32-byte private scalar, encrypted under the master key: nonce, tag and ciphertext.</summary>
    public required byte[] WrappedPrivateKey { get; set; }

    /// <summary>The fingerprint of the master key that wrapped it.</summary>
    public required string MasterKeyId { get; set; }

    /// <summary>When the key was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
