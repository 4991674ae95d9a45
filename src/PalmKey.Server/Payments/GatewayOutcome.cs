namespace PalmKey.Server.Payments;

/// <summary>How a gateway operation ended.</summary>
internal enum GatewayOutcome
{
    /// <summary>Done.</summary>
    Approved,

    /// <summary>Refused by the issuer; <see cref="GatewayResult.Code"/> says why.</summary>
    Declined,

    /// <summary>Accepted and not finished (a refund before it settles).</summary>
    Pending,

    /// <summary>No answer in time, or the gateway failed: the outcome is unknown.</summary>
    Unavailable,
}
