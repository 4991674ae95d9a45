namespace PalmKey.Cli.Hosting;

/// <summary>What <see cref="LocalServer"/> took from, or put in, the data folder for a demo.</summary>
internal sealed class LocalSecrets
{
    /// <summary>The master key file used, when configuration gave no master key.</summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>Whether that file was made just now.</summary>
    public bool MasterKeyFileCreated { get; set; }

    /// <summary>An operator key made just now (only its hash was kept); null otherwise.</summary>
    public string? NewOperatorKey { get; set; }
}
