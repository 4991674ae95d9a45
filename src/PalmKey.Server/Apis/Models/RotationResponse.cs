namespace PalmKey.Server.Apis.Models;

/// <summary>The outcome of a data key rotation.</summary>
internal sealed record RotationResponse(string ActiveKeyId, IReadOnlyList<string> RetiredKeyIds, int RowsRewritten);
