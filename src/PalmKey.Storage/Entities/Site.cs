namespace PalmKey.Storage.Entities;

/// <summary>A place of a tenant where its devices stand: a store, a venue, an office.</summary>
public sealed class Site : ITenantOwned
{
    /// <summary>The site id, <c>site_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>Display name.</summary>
    public required string Name { get; set; }

    /// <summary>When the site was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
