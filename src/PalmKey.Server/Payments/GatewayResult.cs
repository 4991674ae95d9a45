namespace PalmKey.Server.Payments;

/// <summary>A gateway's answer.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Id">The authorization or refund id, where one was made.</param>
/// <param name="Code">A machine-readable reason for a decline or failure, such as <c>insufficient_funds</c>.</param>
internal sealed record GatewayResult(GatewayOutcome Outcome, string? Id = null, string? Code = null)
{
    public static GatewayResult Unavailable(string code) => new(GatewayOutcome.Unavailable, null, code);
}
