using System.Buffers.Binary;
using System.Text;

namespace PalmKey.Tests.Imaging;

/// <summary>
/// Every mutated file must either decode to a sane image or throw <see cref="ImageFormatException"/>;
/// any other exception, a crash or a hang fails. Seeds are fixed, so a failure names a reproducible case.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int MutationsPerFormat = 300;

    /// <summary>A hang guard only: the whole loop normally takes well under a second per format.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static readonly long[] InterestingSizes = [0, 1, 2, 3, 255, 256, 7071, 65535, 65536, 100000, int.MaxValue, uint.MaxValue, -1, int.MinValue];

    [Fact]
    public Task Mutated_BMP_files_decode_or_throw_ImageFormatException() =>
        Fuzz(BmpSeeds(), 1001, (data, random) =>
        {
            (int Offset, int Size)[] fields = [(18, 4), (22, 4), (28, 2), (30, 4), (10, 4), (14, 4), (46, 4), (26, 2)];
            var (offset, size) = fields[random.Next(fields.Length)];
            var value = InterestingSizes[random.Next(InterestingSizes.Length)];
            if (data.Length >= offset + size)
            {
                if (size == 4)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(offset), (uint)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(offset), (ushort)value);
                }
            }

            return (data, $"header field at {offset} set to {value}");
        });

    [Fact]
    public Task Mutated_PNG_files_decode_or_throw_ImageFormatException() =>
        Fuzz(
            PngSeeds(),
            2002,
            (data, random) =>
            {
                switch (random.Next(3))
                {
                    case 0 when data.Length >= 29:
                        // IHDR fields: width 16, height 20, depth 24, color type 25, compression 26, interlace 28.
                        (int Offset, int Size)[] fields = [(16, 4), (20, 4), (24, 1), (25, 1), (28, 1), (26, 1)];
                        var (offset, size) = fields[random.Next(fields.Length)];
                        var value = InterestingSizes[random.Next(InterestingSizes.Length)];
                        if (size == 4)
                        {
                            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(offset), (uint)value);
                        }
                        else
                        {
                            data[offset] = (byte)value;
                        }

                        return (data, $"IHDR field at {offset} set to {value}");
                    case 1:
                        var chunks = Chunks(data);
                        if (chunks.Count == 0)
                        {
                            return (data, "no chunk");
                        }

                        var (start, length) = chunks[random.Next(chunks.Count)];
                        var at = chunks[random.Next(chunks.Count)].Start;
                        return ([.. data[..at], .. data.AsSpan(start, length), .. data[at..]], $"chunk at {start} duplicated at {at}");
                    default:
                        // Mutate the decompressed scanlines and compress them again: bad filter bytes,
                        // out-of-range palette indices, too little or too much data.
                        return TestPngWriter.RewriteImageData(data, raw => random.Next(3) switch
                        {
                            0 => raw[..random.Next(raw.Length + 1)],
                            1 => [.. raw, .. TestPixels.Random(random.Next(1, 40), random.Next())],
                            _ => raw.Select(v => random.Next(16) == 0 ? (byte)random.Next(256) : v).ToArray(),
                        });
                }
            },
            (data, random) =>
            {
                // Most files get their CRCs repaired, so that mutations get past the CRC check.
                if (random.Next(4) == 0)
                {
                    return (data, "CRCs left as they are");
                }

                TestPngWriter.FixCrcs(data);
                return (data, "CRCs fixed");
            });

    [Fact]
    public Task Mutated_PGM_and_PPM_files_decode_or_throw_ImageFormatException() =>
        Fuzz(NetpbmSeeds(), 3003, (data, random) =>
        {
            // Replace one of the header numbers (width, height or maxval) with an interesting value.
            var text = Encoding.Latin1.GetString(data, 0, Math.Min(24, data.Length));
            var numbers = System.Text.RegularExpressions.Regex.Matches(text, "[0-9]+").Where(m => m.Index > 1).ToArray();
            if (numbers.Length == 0)
            {
                return (data, "no header number");
            }

            var match = numbers[Math.Min(random.Next(3), numbers.Length - 1)];
            var value = Math.Abs(InterestingSizes[random.Next(InterestingSizes.Length)]).ToString(System.Globalization.CultureInfo.InvariantCulture);
            byte[] edited = [.. data[..match.Index], .. Encoding.ASCII.GetBytes(value), .. data[(match.Index + match.Length)..]];
            return (edited, $"header number {match.Value} at {match.Index} set to {value}");
        });

    [Fact]
    public Task Mutated_JPEG_files_decode_or_throw_ImageFormatException() =>
        Fuzz(JpegSeeds(), 4004, (data, random) =>
        {
            if (random.Next(2) == 0)
            {
                int[] sizes = [0, 1, 7, 8, 9, 17, 1000, 7000, 9000, 65500, 65535];
                var width = sizes[random.Next(sizes.Length)];
                var height = sizes[random.Next(sizes.Length)];
                return (JpegDecoderTests.WithSize(data, width, height), $"frame size set to {width}x{height}");
            }

            // Duplicate one marker segment (a table, a frame header or a scan header) in place.
            var segments = new List<(int Start, int Length)>();
            for (var i = 2; i + 4 <= data.Length && data[i] == 0xFF && data[i + 1] != 0xDA; i += 2 + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i + 2)))
            {
                segments.Add((i, Math.Min(2 + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i + 2)), data.Length - i)));
            }

            if (segments.Count == 0)
            {
                return (data, "no segment");
            }

            var (start, length) = segments[random.Next(segments.Count)];
            return ([.. data[..start], .. data.AsSpan(start, length), .. data[start..]], $"segment at {start} duplicated");
        });

    private static async Task Fuzz(
        byte[][] seeds,
        int seed,
        Func<byte[], Random, (byte[] Data, string What)> formatEdit,
        Func<byte[], Random, (byte[] Data, string What)>? repair = null)
    {
        var mutator = new Mutator(new Random(seed), formatEdit, repair);
        var work = Task.Run(() => Run(seeds, new Random(seed + 1), mutator), TestContext.Current.CancellationToken);
        var (failures, decoded, refused) = await work.WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        Assert.True(failures.Count == 0, $"{failures.Count} mutated inputs failed:\n{string.Join('\n', failures.Take(20))}");
        Assert.Equal(MutationsPerFormat * 2, decoded + refused);

        // Both outcomes occur, so the mutations neither all miss the decoder nor all stop at its first check.
        Assert.InRange(decoded, 1, MutationsPerFormat * 2);
        Assert.InRange(refused, 1, MutationsPerFormat * 2);
    }

    private static (List<string> Failures, int Decoded, int Refused) Run(byte[][] seeds, Random random, Mutator mutator)
    {
        var failures = new List<string>();
        int decoded = 0, refused = 0;
        for (var i = 0; i < MutationsPerFormat; i++)
        {
            var source = random.Next(seeds.Length);
            var (data, what) = mutator.Mutate(seeds[source]);
            foreach (var rgb in new[] { false, true })
            {
                try
                {
                    var (width, height, length) = rgb
                        ? Describe(ImageCodec.DecodeRgb(data))
                        : Describe(ImageCodec.DecodeGray(data));
                    if (width < 1 || height < 1 || (long)width * height > 50_000_000 || length != (long)width * height * (rgb ? 3 : 1))
                    {
                        failures.Add($"#{i} seed file {source}, {what}: decoded to an invalid {width}x{height} image");
                    }

                    decoded++;
                }
                catch (ImageFormatException e) when (e.Message.Length > 0)
                {
                    refused++;
                }
#pragma warning disable CA1031 // The point of the test is to catch and report anything else that escapes.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures.Add($"#{i} seed file {source}, {what}, {(rgb ? "RGB" : "gray")}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        return (failures, decoded, refused);
    }

    private static (int Width, int Height, long Length) Describe(GrayImage image) => (image.Width, image.Height, image.Pixels.Length);

    private static (int Width, int Height, long Length) Describe(RgbImage image) => (image.Width, image.Height, image.Pixels.Length);

    private static List<(int Start, int Length)> Chunks(byte[] png)
    {
        var chunks = new List<(int Start, int Length)>();
        var position = 8;
        while (position + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            if (length > png.Length - position - 12)
            {
                break;
            }

            chunks.Add((position, 12 + (int)length));
            position += 12 + (int)length;
        }

        return chunks;
    }

    private static byte[][] BmpSeeds()
    {
        var gray = Enumerable.Range(0, 256).SelectMany(v => new[] { (byte)v, (byte)v, (byte)v }).ToArray();
        var rgb = TestPixels.Random(19 * 11 * 3, 1);
        var indices = TestPixels.Random(19 * 11, 2);
        return
        [
            TestBmpWriter.Write(19, 11, 8, TestBmpWriter.PackIndices(indices, 19, 11, 8), gray),
            TestBmpWriter.Write(19, 11, 8, TestBmpWriter.PackIndices(indices, 19, 11, 8), gray, headerSize: 124, topDown: true),
            TestBmpWriter.Write(19, 11, 4, TestBmpWriter.PackIndices([.. indices.Select(v => (byte)(v % 16))], 19, 11, 4), gray[..48]),
            TestBmpWriter.Write(19, 11, 1, TestBmpWriter.PackIndices([.. indices.Select(v => (byte)(v % 2))], 19, 11, 1), gray[..6]),
            TestBmpWriter.Write(19, 11, 24, TestBmpWriter.PackBgr(rgb, 19, 11)),
            TestBmpWriter.Write(19, 11, 24, TestBmpWriter.PackBgr(rgb, 19, 11), headerSize: 12),
            TestBmpWriter.Write(19, 11, 32, TestBmpWriter.PackValues([.. indices.Select(v => (uint)(v * 65793))], 19, 11, 4), headerSize: 108, compression: 3, masks: [0xFF0000u, 0xFF00u, 0xFFu]),
            TestBmpWriter.Write(19, 11, 16, TestBmpWriter.PackValues([.. indices.Select(v => (uint)(v * 257))], 19, 11, 2), compression: 3, masks: [0xF800u, 0x07E0u, 0x001Fu]),
        ];
    }

    private static byte[][] PngSeeds()
    {
        int[] filters = [0, 1, 2, 3, 4];
        ushort[] Samples(int count, int limit, int seed)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(0, count).Select(_ => (ushort)random.Next(limit))];
        }

        return
        [
            TestPngWriter.Write(15, 9, 0, 8, Samples(15 * 9, 256, 1), filters),
            TestPngWriter.Write(15, 9, 0, 1, Samples(15 * 9, 2, 2), filters, interlaced: true),
            TestPngWriter.Write(15, 9, 2, 8, Samples(15 * 9 * 3, 256, 3), filters, idatChunkSize: 64),
            TestPngWriter.Write(15, 9, 3, 4, Samples(15 * 9, 16, 4), filters, palette: TestPixels.Random(48, 4)),
            TestPngWriter.Write(15, 9, 3, 8, Samples(15 * 9, 100, 8), filters, palette: TestPixels.Random(300, 8)),
            TestPngWriter.Write(15, 9, 6, 16, Samples(15 * 9 * 4, 65536, 5), filters, interlaced: true),
            TestPngWriter.Write(15, 9, 4, 8, Samples(15 * 9 * 2, 256, 6), filters),
            ImageCodec.EncodePng(new GrayImage(15, 9, TestPixels.Random(15 * 9, 7))),
        ];
    }

    private static byte[][] NetpbmSeeds()
    {
        var gray = TestPixels.Random(13 * 7, 1);
        return
        [
            NetpbmDecoderTests.Concat("P5\n13 7\n255\n", gray),
            NetpbmDecoderTests.Concat("P5 # comment\n13 7\n# more\n1000\n", [.. gray.SelectMany(v => new[] { (byte)(v >> 6), v })]),
            NetpbmDecoderTests.Concat("P6\n13 7\n255\n", TestPixels.Random(13 * 7 * 3, 2)),
            Encoding.ASCII.GetBytes("P2\n13 7\n255\n" + string.Join(' ', gray) + "\n"),
            Encoding.ASCII.GetBytes("P3 4 2 15\n" + string.Join('\n', Enumerable.Range(0, 24).Select(v => v % 16)) + "\n"),
        ];
    }

    private static byte[][] JpegSeeds() =>
    [
        JpegDecoderTests.Baseline(),
        JpegDecoderTests.Progressive(),
        TestJpegWriter.Compress(TestPixels.SmoothGray(33, 21), 33, 21, TestJpegWriter.PixelFormatGray, TestJpegWriter.SubsamplingGray, 85),
        TestJpegWriter.Compress(TestPixels.SmoothGray(24, 16), 24, 16, TestJpegWriter.PixelFormatGray, TestJpegWriter.SubsamplingGray, 85, TestJpegWriter.FlagProgressive),
    ];
}
