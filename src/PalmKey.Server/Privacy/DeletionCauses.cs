namespace PalmKey.Server.Privacy;

/// <summary>Why customer data was deleted, as the audit log and the transparency report name it.</summary>
internal static class DeletionCauses
{
    /// <summary>The customer deleted their palm data or closed their account.</summary>
    public const string SelfService = "self-service";

    /// <summary>The tenant's admin deleted the customer.</summary>
    public const string Admin = "admin";

    /// <summary>No identification for the tenant's dormancy period.</summary>
    public const string Dormant = "dormant";

    /// <summary>No interaction for the tenant's maximum retention.</summary>
    public const string RetentionLimit = "retention-limit";

    /// <summary>A cancellation that waited for transactions to settle.</summary>
    public const string Cancelled = "cancelled";
}
