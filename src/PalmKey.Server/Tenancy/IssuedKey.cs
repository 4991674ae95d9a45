namespace PalmKey.Server.Tenancy;

/// <summary>A new API key: its row id, its public prefix, and the key itself, shown once.</summary>
/// <param name="Id">The key row.</param>
/// <param name="Prefix">The public prefix.</param>
/// <param name="Key">The secret key; not stored anywhere.</param>
internal sealed record IssuedKey(string Id, string Prefix, string Key);
