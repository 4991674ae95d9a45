using System.Buffers.Binary;

namespace PalmKey.Cli.Bench;

/// <summary>
/// Valid templates of random palms, made straight in the format of docs/template-format.md: at each
/// cell a random line orientation per scale, coded as the engine codes it. Matching costs the same as
/// for real palms, so they fill a large gallery in seconds where extracting images would take hours;
/// they match nothing, like impostors.
/// </summary>
internal static class RandomTemplates
{
    private const int Grid = 32;
    private const int Planes = 6;
    private const int HeaderLength = 16;
    private const int CodeLength = Grid * Planes * 4;
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Create(Random random)
    {
        var bytes = new byte[HeaderLength + CodeLength + 4];
        "PKTP"u8.CopyTo(bytes);
        bytes[4] = 1;
        bytes[5] = (byte)PalmTemplate.AlgorithmVersion;
        bytes[6] = Grid;
        bytes[7] = Grid;
        bytes[8] = 6;
        bytes[9] = 2;
        bytes[10] = Planes;
        bytes[11] = 32;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(12), CodeLength);
        var words = new uint[Grid * Planes];
        for (var row = 0; row < Grid; row++)
        {
            for (var x = 0; x < Grid; x++)
            {
                for (var scale = 0; scale < 2; scale++)
                {
                    var winner = random.Next(6);
                    for (var p = 0; p < 3; p++)
                    {
                        if ((((winner - p) % 6) + 6) % 6 < 3)
                        {
                            words[(row * Planes) + (scale * 3) + p] |= 1u << x;
                        }
                    }
                }
            }
        }

        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(HeaderLength + (i * 4)), words[i]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(HeaderLength + CodeLength), Crc32(bytes.AsSpan(0, HeaderLength + CodeLength)));
        return bytes;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
