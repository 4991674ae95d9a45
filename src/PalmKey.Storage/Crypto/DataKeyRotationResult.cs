namespace PalmKey.Storage.Crypto;

/// <summary>The outcome of a data key rotation.</summary>
/// <param name="NewKeyId">The key now active.</param>
/// <param name="RetiredKeyIds">The keys destroyed after the rewrite.</param>
/// <param name="RowsRewritten">Encrypted rows rewritten under the new key.</param>
public sealed record DataKeyRotationResult(string NewKeyId, IReadOnlyList<string> RetiredKeyIds, int RowsRewritten);
