namespace PalmKey.Storage.Entities;

/// <summary>What an API key lets its holder do.</summary>
public enum ApiKeyKind
{
    /// <summary>Administers one tenant.</summary>
    Admin = 1,

    /// <summary>Authenticates one device: enrollment and identification at its site.</summary>
    Device = 2,
}
