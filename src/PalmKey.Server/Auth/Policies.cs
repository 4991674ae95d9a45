namespace PalmKey.Server.Auth;

/// <summary>The authorization policies: one per caller role.</summary>
internal static class Policies
{
    public const string Admin = "admin";
    public const string Device = "device";
    public const string Customer = "customer";
    public const string Operator = "operator";
}
