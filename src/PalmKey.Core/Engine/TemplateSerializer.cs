using System.Buffers.Binary;
using PalmKey.Imaging;

namespace PalmKey.Engine;

/// <summary>
/// The template's binary format, version 1 (docs/template-format.md): a 16-byte header that names the
/// format and every algorithm parameter, the code words in little-endian order, and a CRC-32 of all
/// that precedes it.
/// </summary>
internal static class TemplateSerializer
{
    public const int HeaderLength = 16;
    public const int PayloadLength = CodeLayout.Words * sizeof(uint);
    public const int Length = HeaderLength + PayloadLength + sizeof(uint);
    public const byte FormatVersion = 1;

    public static ReadOnlySpan<byte> Magic => "PKTP"u8;

    public static byte[] Write(ReadOnlySpan<uint> code)
    {
        var data = new byte[Length];
        Magic.CopyTo(data);
        data[4] = FormatVersion;
        data[5] = CodeLayout.AlgorithmVersion;
        data[6] = CodeLayout.Grid;
        data[7] = CodeLayout.Grid;
        data[8] = CodeLayout.Orientations;
        data[9] = CodeLayout.Scales;
        data[10] = CodeLayout.Planes;
        data[11] = CodeLayout.RoiSize / CodeLayout.CellStep;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), PayloadLength);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(14), 0);
        for (var i = 0; i < code.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(HeaderLength + (4 * i)), code[i]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(Length - 4), Crc32.Compute(data.AsSpan(0, Length - 4)));
        return data;
    }

    public static uint[] Read(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(Magic) && !Magic.StartsWith(data))
        {
            throw new TemplateFormatException("Not a PalmKey template: it does not start with \"PKTP\".");
        }

        // A template cut short, even within its magic, is damaged rather than something else.
        if (data.Length < HeaderLength)
        {
            throw WrongLength(data.Length);
        }

        if (data[4] != FormatVersion)
        {
            throw new TemplateFormatException($"Template format version {data[4]} is not supported; this build reads version {FormatVersion}.");
        }

        Expect(data[5], CodeLayout.AlgorithmVersion, "algorithm version");
        Expect(data[6], CodeLayout.Grid, "grid width");
        Expect(data[7], CodeLayout.Grid, "grid height");
        Expect(data[8], CodeLayout.Orientations, "orientation count");
        Expect(data[9], CodeLayout.Scales, "scale count");
        Expect(data[10], CodeLayout.Planes, "bit plane count");
        Expect(data[11], CodeLayout.RoiSize / CodeLayout.CellStep, "cell spacing (ROI size / cell step)");
        var payload = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]);
        if (payload != PayloadLength)
        {
            throw new TemplateFormatException($"Template declares a {payload}-byte code; this engine's code is {PayloadLength} bytes.");
        }

        if (data.Length != Length)
        {
            throw WrongLength(data.Length);
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data[(Length - 4)..]);
        var actual = Crc32.Compute(data[..(Length - 4)]);
        if (stored != actual)
        {
            throw new TemplateFormatException($"Template checksum mismatch (stored {stored:x8}, computed {actual:x8}): the template is damaged.");
        }

        var code = new uint[CodeLayout.Words];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = BinaryPrimitives.ReadUInt32LittleEndian(data[(HeaderLength + (4 * i))..]);
        }

        return code;
    }

    private static TemplateFormatException WrongLength(int length) =>
        new($"Template is {length} bytes long; a version {FormatVersion} template is exactly {Length} bytes.");

    private static void Expect(byte actual, int expected, string parameter)
    {
        if (actual != expected)
        {
            throw new TemplateFormatException($"Template was made with {parameter} {actual}; this engine uses {parameter} {expected}. Templates made with other parameters cannot be compared: enroll again from images.");
        }
    }
}
