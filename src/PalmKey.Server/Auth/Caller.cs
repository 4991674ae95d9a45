using System.Security.Claims;

namespace PalmKey.Server.Auth;

/// <summary>
/// The authenticated caller, read from the claims that <see cref="PalmKeyAuthenticationHandler"/> set.
/// The tenant comes from here only, never from the request.
/// </summary>
/// <param name="Role">The kind of caller.</param>
/// <param name="TenantId">The caller's tenant; null for the operator.</param>
/// <param name="Actor">The caller as the audit log names it: <c>admin:PREFIX</c>, <c>device:ID</c>, <c>customer:ID</c> or <c>operator</c>.</param>
/// <param name="DeviceId">The device, for a device.</param>
/// <param name="SiteId">The device's site, for a device.</param>
/// <param name="CustomerId">The customer, for a customer.</param>
internal sealed record Caller(CallerRole Role, string? TenantId, string Actor, string? DeviceId, string? SiteId, string? CustomerId)
{
    public const string RoleClaim = "palmkey:role";
    public const string TenantClaim = "palmkey:tenant";
    public const string ActorClaim = "palmkey:actor";
    public const string DeviceClaim = "palmkey:device";
    public const string SiteClaim = "palmkey:site";
    public const string CustomerClaim = "palmkey:customer";

    /// <summary>The caller's tenant, for endpoints that only tenant callers reach.</summary>
    public string Tenant => TenantId ?? throw new InvalidOperationException("This caller has no tenant.");

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = Enum.Parse<CallerRole>(user.FindFirstValue(RoleClaim) ?? throw new InvalidOperationException("The request is not authenticated."));
        return new Caller(
            role,
            user.FindFirstValue(TenantClaim),
            user.FindFirstValue(ActorClaim)!,
            user.FindFirstValue(DeviceClaim),
            user.FindFirstValue(SiteClaim),
            user.FindFirstValue(CustomerClaim));
    }

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(RoleClaim, Role.ToString()), new(ActorClaim, Actor) };
        AddIf(claims, TenantClaim, TenantId);
        AddIf(claims, DeviceClaim, DeviceId);
        AddIf(claims, SiteClaim, SiteId);
        AddIf(claims, CustomerClaim, CustomerId);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ActorClaim, RoleClaim));
    }

    private static void AddIf(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }
}
