using PalmKey.Storage.Entities;

namespace PalmKey.Server.Tenancy;

/// <summary>The settings a new tenant starts with, and their allowed ranges.</summary>
internal static class TenantDefaults
{
    /// <summary>Two years without an identification.</summary>
    public const int DormancyDays = 730;

    /// <summary>Three years since the last interaction, as Illinois BIPA requires at most.</summary>
    public const int MaxRetentionDays = 1095;

    /// <summary>One identification in a thousand may name someone who is not enrolled.</summary>
    public const double TargetFpir = 0.001;

    /// <summary>Prices and credit in US dollars until the tenant says otherwise.</summary>
    public const string Currency = "USD";

    public const double MinFpir = 1e-6;
    public const double MaxFpir = 0.05;

    public static string AcceptedPurposes { get; } = Purposes.Format(Purposes.All);
}
