using PalmKey.Engine;
using PalmKey.Tests.Imaging;

namespace PalmKey.Tests.Engine;

public sealed class RoiSamplerTests
{
    private const int Size = CodeLayout.RoiSize;

    [Fact]
    public void Normalizing_a_128_pixel_ROI_keeps_every_pixel()
    {
        var image = new GrayImage(Size, Size, TestPixels.Random(Size * Size, 128));

        Assert.Equal(TestImages.ToFloats(image), RoiSampler.Normalize(image));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Normalizing_a_ROI_of_uniform_blocks_gives_the_block_values(int factor)
    {
        var small = TestPixels.Random(Size * Size, factor);
        var side = Size * factor;
        var pixels = new byte[side * side];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                pixels[(y * side) + x] = small[(y / factor * Size) + (x / factor)];
            }
        }

        var normalized = RoiSampler.Normalize(new GrayImage(side, side, pixels));

        for (var i = 0; i < small.Length; i++)
        {
            Assert.Equal(small[i], normalized[i], 1e-3f);
        }
    }

    [Theory]
    [InlineData(200, 200)]
    [InlineData(129, 129)]
    [InlineData(300, 170)]
    [InlineData(32, 32)]
    [InlineData(77, 90)]
    public void Normalizing_keeps_a_uniform_ROI_uniform_at_any_size(int width, int height)
    {
        var normalized = RoiSampler.Normalize(new GrayImage(width, height, Enumerable.Repeat((byte)77, width * height).ToArray()));

        Assert.Equal(Size * Size, normalized.Length);
        Assert.All(normalized, value => Assert.Equal(77f, value, 1e-3f));
    }

    [Fact]
    public void Normalizing_a_non_square_ROI_cuts_its_central_square()
    {
        var image = new GrayImage(Size, Size, TestPixels.Random(Size * Size, 1));

        Assert.Equal(TestImages.ToFloats(image), RoiSampler.Normalize(TestImages.Frame(image, left: 20, top: 0, seed: 2)));
        Assert.Equal(TestImages.ToFloats(image), RoiSampler.Normalize(TestImages.Frame(image, left: 0, top: 7, seed: 3)));
    }

    [Fact]
    public void Upscaling_is_bilinear_between_pixel_centres()
    {
        // A 64-pixel horizontal ramp, 3 grey levels per pixel: doubled, each output pixel sits between two inputs.
        const int Side = 64;
        var pixels = new byte[Side * Side];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(10 + (3 * (i % Side)));
        }

        var normalized = RoiSampler.Normalize(new GrayImage(Side, Side, pixels));

        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var source = Math.Clamp(((x + 0.5) / 2) - 0.5, 0, Side - 1);
                Assert.Equal(10 + (3 * source), normalized[(y * Size) + x], 1e-3);
            }
        }
    }

    [Fact]
    public void Rotating_by_0_degrees_is_the_identity()
    {
        var image = TestImages.ToFloats(new GrayImage(Size, Size, TestPixels.Random(Size * Size, 0)));

        Assert.Equal(image, RoiSampler.Rotate(image, Size, 0));
    }

    [Fact]
    public void Rotating_by_90_degrees_moves_pixel_x_y_to_127_minus_y_x()
    {
        var image = TestImages.ToFloats(new GrayImage(Size, Size, TestPixels.Random(Size * Size, 90)));

        var turned = RoiSampler.Rotate(image, Size, 90);

        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                // The output at (x, y) reads the input at (127 - y, x), up to the rounding of sin and cos.
                Assert.Equal(image[(x * Size) + (Size - 1 - y)], turned[(y * Size) + x], 0.05f);
            }
        }
    }

    [Theory]
    [InlineData(5f)]
    [InlineData(-5f)]
    [InlineData(17f)]
    public void Rotating_there_and_back_restores_a_smooth_image_inside_the_border(float degrees)
    {
        var image = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                image[(y * Size) + x] = (float)(128 + (60 * Math.Sin(x / 7.0)) + (50 * Math.Cos((x + y) / 11.0)));
            }
        }

        var restored = RoiSampler.Rotate(RoiSampler.Rotate(image, Size, degrees), Size, -degrees);

        var centre = (Size - 1) / 2.0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                // Corners turned out of the frame come back mirrored; inside the inscribed circle they are exact up to interpolation.
                if (Math.Sqrt(((x - centre) * (x - centre)) + ((y - centre) * (y - centre))) < 56)
                {
                    Assert.Equal(image[(y * Size) + x], restored[(y * Size) + x], 2f);
                }
            }
        }
    }

    [Theory]
    [InlineData(-1, 10, 0)]
    [InlineData(-2, 10, 1)]
    [InlineData(-10, 10, 9)]
    [InlineData(10, 10, 9)]
    [InlineData(11, 10, 8)]
    [InlineData(19, 10, 0)]
    [InlineData(0, 10, 0)]
    [InlineData(9, 10, 9)]
    [InlineData(5, 10, 5)]
    [InlineData(-11, 10, 9)]
    [InlineData(20, 10, 0)]
    [InlineData(-1, 1, 0)]
    [InlineData(7, 1, 0)]
    [InlineData(128, 128, 127)]
    [InlineData(-1, 128, 0)]
    public void Mirror_reflects_an_index_into_range_like_the_filter_padding(int index, int n, int expected)
    {
        Assert.Equal(expected, RoiSampler.Mirror(index, n));
    }
}
