namespace PalmKey.Storage.Entities;

/// <summary>
/// The tenant-level log of every identification attempt, with no link to any customer: it feeds the
/// transparency report and records the attempts that recognized nobody.
/// </summary>
public sealed class IdentificationAttempt : ITenantOwned
{
    /// <summary>Row number.</summary>
    public long Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The site where the device stood.</summary>
    public required string SiteId { get; set; }

    /// <summary>The device that asked.</summary>
    public required string DeviceId { get; set; }

    /// <summary>The purpose given.</summary>
    public required string Purpose { get; set; }

    /// <summary>How it ended.</summary>
    public IdentificationOutcome Outcome { get; set; }
}
