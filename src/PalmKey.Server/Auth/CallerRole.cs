namespace PalmKey.Server.Auth;

/// <summary>Who is calling.</summary>
internal enum CallerRole
{
    /// <summary>A tenant's administrator, with an admin API key.</summary>
    Admin,

    /// <summary>A tenant's device, with its device key.</summary>
    Device,

    /// <summary>A customer, with a self-service session token.</summary>
    Customer,

    /// <summary>The platform operator, with the operator key from configuration.</summary>
    Operator,
}
