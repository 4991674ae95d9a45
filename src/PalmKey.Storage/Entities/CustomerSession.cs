namespace PalmKey.Storage.Entities;

/// <summary>A self-service session of a customer, opened with a one-time code. Only the token's hash is stored.</summary>
public sealed class CustomerSession : ITenantOwned
{
    /// <summary>The session id, <c>ses_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The customer signed in.</summary>
    public required string CustomerId { get; set; }

    /// <summary>The public start of the token, unique.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the token.</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>When the session opened.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the session ends.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
