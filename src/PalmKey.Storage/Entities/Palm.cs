namespace PalmKey.Storage.Entities;

/// <summary>
/// One enrolled palm of a customer: its capture templates, concatenated and encrypted together under
/// the tenant's data key. No image is ever stored.
/// </summary>
public sealed class Palm : ITenantOwned
{
    /// <summary>The palm id, <c>palm_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The customer the palm belongs to.</summary>
    public required string CustomerId { get; set; }

    /// <summary>Left or right.</summary>
    public Hand Hand { get; set; }

    /// <summary>The algorithm version that made the templates (docs/template-format.md).</summary>
    public int AlgorithmVersion { get; set; }

    /// <summary>How many capture templates <see cref="TemplatesCipher"/> holds.</summary>
    public int CaptureCount { get; set; }

    /// <summary>The serialized templates, one after the other, encrypted.</summary>
    public required byte[] TemplatesCipher { get; set; }

    /// <summary>When the palm was enrolled.</summary>
    public DateTimeOffset EnrolledAt { get; set; }
}
