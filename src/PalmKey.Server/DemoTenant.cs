namespace PalmKey.Server;

/// <summary>The demo tenant that <c>palmkey serve</c> makes on a fresh database.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Name">Its name.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="DeviceId">Its device.</param>
/// <param name="AdminKey">The admin key, when the tenant was just made; null when it already existed (keys are shown once).</param>
/// <param name="ActivationCode">The device's one-time activation code, likewise (<c>palmkey device provision</c> uses it).</param>
public sealed record DemoTenant(string TenantId, string Name, string? SiteId, string? DeviceId, string? AdminKey, string? ActivationCode)
{
    /// <summary>Whether this call made the tenant, so that its keys are known.</summary>
    public bool IsNew => AdminKey is not null;
}
