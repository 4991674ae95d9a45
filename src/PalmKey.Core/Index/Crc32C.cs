using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace PalmKey.Index;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of iSCSI and ext4. It uses the
/// SSE4.2 CRC32 instruction, 8 bytes at a time, where the processor has it, else a table.
/// </summary>
internal static class Crc32C
{
    /// <summary>The state to start a running checksum from.</summary>
    public const uint Initial = 0xFFFFFFFFu;

    private static readonly uint[] Table = CreateTable();

    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Initial, data));

    /// <summary>The final checksum of a running state.</summary>
    public static uint Finish(uint state) => ~state;

    /// <summary>Advances a running state over <paramref name="data"/>.</summary>
    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong crc = state;
            while (data.Length >= 8)
            {
                crc = Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            state = (uint)crc;
            foreach (var value in data)
            {
                state = Sse42.Crc32(state, value);
            }

            return state;
        }

        return UpdateScalar(state, data);
    }

    /// <summary>The table-driven reference, one byte at a time.</summary>
    public static uint UpdateScalar(uint state, ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            state = Table[(state ^ value) & 0xFF] ^ (state >> 8);
        }

        return state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
