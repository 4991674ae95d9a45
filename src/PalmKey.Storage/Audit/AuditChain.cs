using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Audit;

/// <summary>
/// The hash chain of the audit log. An entry's canonical bytes are the ASCII tag
/// <c>palmkey-audit-v1</c>, the sequence number and the time (Unix milliseconds) as big-endian 64-bit
/// integers, then tenant, actor, action, subject and detail, each as a big-endian 32-bit UTF-8 length
/// (-1 for null) and the bytes. Its hash is SHA-256 of the previous entry's hash (32 zero bytes for the
/// first) followed by the canonical bytes. Thread-safe.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[32];

    /// <summary>The hash an entry must carry, given the previous entry's hash.</summary>
    /// <param name="previousHash">The previous entry's hash, or <see cref="Genesis"/>.</param>
    /// <param name="entry">The entry; its own hash is not read.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        hash.AppendData(CanonicalBytes(entry));
        return hash.GetHashAndReset();
    }

    /// <summary>Makes the next entry of the chain from a record.</summary>
    /// <param name="record">What happened.</param>
    /// <param name="sequence">The entry's position: the previous one's plus one, or 1.</param>
    /// <param name="previousHash">The previous entry's hash, or <see cref="Genesis"/>.</param>
    /// <returns>The sealed entry.</returns>
    public static AuditEntry Seal(AuditRecord record, long sequence, ReadOnlySpan<byte> previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = new AuditEntry
        {
            Sequence = sequence,
            At = DateTimeOffset.FromUnixTimeMilliseconds(record.At.ToUnixTimeMilliseconds()),
            TenantId = record.TenantId,
            Actor = record.Actor,
            Action = record.Action,
            Subject = record.Subject,
            Detail = record.Detail,
            Hash = [],
        };
        entry.Hash = ComputeHash(previousHash, entry);
        return entry;
    }

    internal static byte[] CanonicalBytes(AuditEntry entry)
    {
        using var stream = new MemoryStream();
        stream.Write("palmkey-audit-v1"u8);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Sequence);
        stream.Write(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.At.ToUnixTimeMilliseconds());
        stream.Write(number);
        foreach (var field in (ReadOnlySpan<string?>)[entry.TenantId, entry.Actor, entry.Action, entry.Subject, entry.Detail])
        {
            var bytes = field is null ? null : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(number, bytes?.Length ?? -1);
            stream.Write(number[..4]);
            if (bytes is not null)
            {
                stream.Write(bytes);
            }
        }

        return stream.ToArray();
    }
}
