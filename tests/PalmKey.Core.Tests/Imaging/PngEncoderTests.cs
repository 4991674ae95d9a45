using System.Buffers.Binary;

namespace PalmKey.Tests.Imaging;

public sealed class PngEncoderTests
{
    public static TheoryData<int, int> Sizes() => new() { { 1, 1 }, { 1, 9 }, { 9, 1 }, { 17, 13 }, { 257, 3 }, { 128, 128 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Round_trips_gray_images_exactly(int width, int height)
    {
        foreach (var pixels in new[] { TestPixels.Random(width * height, width), TestPixels.SmoothGray(width, height) })
        {
            var png = ImageCodec.EncodePng(new GrayImage(width, height, pixels));

            var decoded = ImageCodec.DecodeGray(png);

            Assert.Equal((width, height), (decoded.Width, decoded.Height));
            Assert.Equal(pixels, decoded.Pixels);
            Assert.Equal(0, png[25]); // color type gray
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Round_trips_RGB_images_exactly(int width, int height)
    {
        foreach (var pixels in new[] { TestPixels.Random(width * height * 3, height), TestPixels.SmoothRgb(width, height) })
        {
            var png = ImageCodec.EncodePng(new RgbImage(width, height, pixels));

            var decoded = ImageCodec.DecodeRgb(png);

            Assert.Equal((width, height), (decoded.Width, decoded.Height));
            Assert.Equal(pixels, decoded.Pixels);
            Assert.Equal(2, png[25]); // color type RGB
        }
    }

    [Fact]
    public void Writes_IHDR_IDAT_IEND_with_valid_CRCs()
    {
        var png = ImageCodec.EncodePng(new GrayImage(10, 7, TestPixels.SmoothGray(10, 7)));

        var types = new List<string>();
        var position = 8;
        while (position < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            types.Add(System.Text.Encoding.ASCII.GetString(png, position + 4, 4));
            Assert.Equal(TestPngWriter.Crc(png.AsSpan(position + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length)));
            position += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        Assert.Equal(png.Length, position);
        Assert.Equal(new byte[] { 0, 0, 0, 10, 0, 0, 0, 7, 8, 0, 0, 0, 0 }, png.AsSpan(16, 13).ToArray());
    }

    [Fact]
    public void Compresses_smooth_content_well()
    {
        // The filter heuristic makes a gradient cheap; unfiltered it would cost several times more.
        var png = ImageCodec.EncodePng(new GrayImage(256, 256, TestPixels.SmoothGray(256, 256)));
        Assert.InRange(png.Length, 100, 256 * 256 / 4);
    }
}
