namespace PalmKey.Storage.Entities;

/// <summary>
/// The outcome of a command sent with an Idempotency-Key: a retry with the same key and body gets the
/// same response, a retry with another body is refused. Holds no request body, only its hash.
/// </summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    /// <summary>Row number.</summary>
    public long Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>Who sent the command: an API key prefix or a customer id.</summary>
    public required string Caller { get; set; }

    /// <summary>The client's key.</summary>
    public required string Key { get; set; }

    /// <summary>SHA-256 of the method, the path and the body.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>The response status, or null while the command runs.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The response body.</summary>
    public byte[]? ResponseBody { get; set; }

    /// <summary>The response content type.</summary>
    public string? ContentType { get; set; }

    /// <summary>The Location header of the response, if any.</summary>
    public string? Location { get; set; }

    /// <summary>When the command arrived.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the record may be forgotten.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
