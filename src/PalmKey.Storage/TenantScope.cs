namespace PalmKey.Storage;

/// <summary>
/// Whose data a unit of work may see: one tenant (set from the authenticated caller), the whole
/// platform (background jobs, start-up, operator actions), or nothing until one is entered. Registered
/// per scope; <see cref="PalmKeyDbContext"/> filters every query and checks every write by it.
/// Not thread-safe: a scope belongs to one request or job.
/// </summary>
public sealed class TenantScope
{
    /// <summary>The tenant whose rows are visible, or null.</summary>
    public string? TenantId { get; private set; }

    /// <summary>Whether every tenant's rows are visible.</summary>
    public bool IsSystem { get; private set; }

    /// <summary>Enters a tenant. A scope enters at most one tenant, once.</summary>
    /// <param name="tenantId">The tenant of the authenticated caller.</param>
    /// <exception cref="InvalidOperationException">The scope already entered a tenant or the system scope.</exception>
    public void EnterTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (IsSystem || (TenantId is not null && TenantId != tenantId))
        {
            throw new InvalidOperationException("This scope already belongs to another tenant or to the system.");
        }

        TenantId = tenantId;
    }

    /// <summary>Enters the platform-wide scope, for work that spans tenants.</summary>
    /// <exception cref="InvalidOperationException">The scope already entered a tenant.</exception>
    public void EnterSystem()
    {
        if (TenantId is not null)
        {
            throw new InvalidOperationException("This scope already belongs to a tenant.");
        }

        IsSystem = true;
    }
}
