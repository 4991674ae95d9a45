namespace PalmKey.Server.Apis.Models;

/// <summary>The tenant's ingestion public key (P-256 SubjectPublicKeyInfo, DER, base64), to which devices seal frames.</summary>
internal sealed record IngestionKeyResponse(string KeyId, string TenantId, byte[] PublicKey);
