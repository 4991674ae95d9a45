using System.Buffers.Binary;
using PalmKey.Tests.Imaging;

namespace PalmKey.Tests;

/// <summary>
/// The template's binary format (docs/template-format.md, version 1): it round-trips exactly, and
/// anything else is refused with <see cref="TemplateFormatException"/> and a message naming the problem.
/// </summary>
public sealed class PalmTemplateTests
{
    private static readonly PalmTemplate[] Templates = [.. Enumerable.Range(1, 3).Select(seed => PalmExtractor.Extract(SyntheticPalm.Create(seed)))];

    private static byte[] Valid => Templates[0].ToBytes();

    [Fact]
    public void Serialized_length_is_788_bytes_and_within_a_kilobyte()
    {
        Assert.Equal(788, PalmTemplate.SerializedLength);
        Assert.InRange(PalmTemplate.SerializedLength, 1, 1024);
        Assert.All(Templates, template => Assert.Equal(PalmTemplate.SerializedLength, template.ToBytes().Length));
    }

    [Fact]
    public void Round_trip_gives_identical_bytes_and_identical_scores()
    {
        foreach (var template in Templates)
        {
            var bytes = template.ToBytes();
            var copy = PalmTemplate.FromBytes(bytes);

            Assert.Equal(bytes, copy.ToBytes());
            Assert.Equal(PalmMatcher.MaxScore, new PalmMatcher(template).Match(copy));
            foreach (var other in Templates)
            {
                Assert.Equal(new PalmMatcher(template).Match(other), new PalmMatcher(copy).Match(other));
                Assert.Equal(new PalmMatcher(other).Match(template), new PalmMatcher(other).Match(copy));
            }
        }
    }

    [Fact]
    public void Writes_the_documented_header_and_a_CRC_of_all_that_precedes_it()
    {
        var bytes = Valid;

        Assert.Equal("PKTP"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, bytes[4]); // format version
        Assert.Equal(new byte[] { 1, 32, 32, 6, 2, 6, 32 }, bytes[5..12]); // algorithm version and parameters
        Assert.Equal(768, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(14)));
        Assert.Equal(TestPngWriter.Crc(bytes.AsSpan(0, 784)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(784)));
        Assert.Equal(1, PalmTemplate.AlgorithmVersion);
    }

    public static TheoryData<int, string> ParameterBytes() => new()
    {
        { 5, "algorithm version" },
        { 6, "grid width" },
        { 7, "grid height" },
        { 8, "orientation count" },
        { 9, "scale count" },
        { 10, "bit plane count" },
        { 11, "cell spacing (ROI size / cell step)" },
    };

    [Theory]
    [MemberData(nameof(ParameterBytes))]
    public void Refuses_a_template_made_with_another_parameter_and_names_it(int offset, string parameter)
    {
        foreach (var value in new byte[] { 0, (byte)(Valid[offset] + 1), (byte)(Valid[offset] - 1), 255 })
        {
            // A template made with other parameters has a valid checksum; a damaged one is refused too.
            var fixedCrc = Changed(data => data[offset] = value, fixCrc: true);
            var brokenCrc = Changed(data => data[offset] = value, fixCrc: false);

            foreach (var data in new[] { fixedCrc, brokenCrc })
            {
                var error = Assert.Throws<TemplateFormatException>(() => PalmTemplate.FromBytes(data));
                Assert.Contains($"made with {parameter} {value};", error.Message, StringComparison.Ordinal);
                Assert.Contains($"this engine uses {parameter} {Valid[offset]}", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Refuses_an_orientation_count_of_8_with_the_documented_message()
    {
        var error = Assert.Throws<TemplateFormatException>(() => PalmTemplate.FromBytes(Changed(data => data[8] = 8, fixCrc: true)));
        Assert.StartsWith("Template was made with orientation count 8; this engine uses orientation count 6.", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> Refusals()
    {
        var valid = Valid;
        return new()
        {
            { "empty", [], "0 bytes long" },
            { "one byte", [(byte)'P'], "1 bytes long" },
            { "magic only", "PKTP"u8.ToArray(), "4 bytes long" },
            { "part of the header", valid[..15], "15 bytes long" },
            { "header only", valid[..16], "16 bytes long" },
            { "one byte short", valid[..787], "787 bytes long" },
            { "one byte extra", [.. valid, 0], "789 bytes long" },
            { "twice over", [.. valid, .. valid], "1576 bytes long" },
            { "wrong magic", Changed(data => data[0] = (byte)'X', fixCrc: true), "does not start with \"PKTP\"" },
            { "lower-case magic", Changed(data => data[3] = (byte)'p', fixCrc: true), "does not start with \"PKTP\"" },
            { "an image", [0x89, .. "PNG\r\n\u001a\n"u8, .. new byte[100]], "does not start with \"PKTP\"" },
            { "format version 0", Changed(data => data[4] = 0, fixCrc: true), "format version 0 is not supported" },
            { "format version 2", Changed(data => data[4] = 2, fixCrc: true), "format version 2 is not supported" },
            { "payload length 767", Changed(data => BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), 767), fixCrc: true), "declares a 767-byte code" },
            { "payload length 1536", Changed(data => BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), 1536), fixCrc: true), "declares a 1536-byte code" },
            { "reserved field set", Changed(data => data[14] = 1, fixCrc: false), "checksum mismatch" },
            { "checksum changed", Changed(data => data[787] ^= 0x80, fixCrc: false), "checksum mismatch" },
            { "payload changed", Changed(data => data[400] ^= 0x01, fixCrc: false), "checksum mismatch" },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refuses_what_is_not_a_valid_template_and_names_the_problem(string what, byte[] data, string message)
    {
        var error = Assert.Throws<TemplateFormatException>(() => PalmTemplate.FromBytes(data));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{what}: \"{error.Message}\" does not mention \"{message}\".");
    }

    [Fact]
    public void Refuses_every_single_bit_flip_in_the_payload_as_a_checksum_mismatch()
    {
        var valid = Valid;
        for (var bit = 16 * 8; bit < valid.Length * 8; bit++)
        {
            var data = (byte[])valid.Clone();
            data[bit / 8] ^= (byte)(1 << (bit % 8));

            var error = Assert.Throws<TemplateFormatException>(() => PalmTemplate.FromBytes(data));
            Assert.StartsWith("Template checksum mismatch", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuses_every_single_bit_flip_and_every_changed_byte_with_TemplateFormatException_only()
    {
        var valid = Valid;
        var random = new Random(788);
        for (var position = 0; position < valid.Length; position++)
        {
            var changes = Enumerable.Range(0, 8).Select(bit => (byte)(1 << bit)).Append((byte)random.Next(1, 256)).Append((byte)0xFF);
            foreach (var change in changes)
            {
                var data = (byte[])valid.Clone();
                data[position] ^= change;

                var error = Record.Exception(() => PalmTemplate.FromBytes(data));
                Assert.True(error is TemplateFormatException, $"Byte {position} XOR 0x{change:X2}: {error?.GetType().Name ?? "accepted"}.");
            }
        }
    }

    [Fact]
    public void Refuses_every_truncation_with_TemplateFormatException_only()
    {
        var valid = Valid;
        for (var length = 0; length < valid.Length; length++)
        {
            var error = Record.Exception(() => PalmTemplate.FromBytes(valid.AsSpan(0, length)));
            Assert.True(error is TemplateFormatException, $"{length} bytes: {error?.GetType().Name ?? "accepted"}.");
        }
    }

    /// <summary>A valid template changed by <paramref name="change"/>, with its CRC recomputed where asked.</summary>
    private static byte[] Changed(Action<byte[]> change, bool fixCrc)
    {
        var data = Valid;
        change(data);
        if (fixCrc)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(784), TestPngWriter.Crc(data.AsSpan(0, 784)));
        }

        return data;
    }
}
