namespace PalmKey.Tests;

/// <summary>Frames without a usable hand get the right verdict, as a result value; arguments are checked.</summary>
public sealed class PalmLocalizerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(16, 16)]
    [InlineData(31, 240)]
    [InlineData(320, 31)]
    public void A_frame_under_32_pixels_on_a_side_has_no_hand(int width, int height)
    {
        var result = PalmLocalizer.Locate(new GrayImage(width, height, new byte[width * height]));

        Assert.Equal(CaptureVerdict.NoHand, result.Verdict);
        Assert.False(result.IsOk);
        Assert.Null(result.Roi);
        Assert.Equal(0, result.Score);
    }

    [Theory]
    [InlineData(320, 240, 0)]
    [InlineData(320, 240, 128)]
    [InlineData(1024, 768, 255)]
    [InlineData(4000, 3000, 40)]
    public void A_blank_frame_has_no_hand(int width, int height, byte value)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, value);

        var result = PalmLocalizer.Locate(new GrayImage(width, height, pixels));

        Assert.Equal(CaptureVerdict.NoHand, result.Verdict);
        Assert.Null(result.Roi);
        Assert.Empty(result.Contour);
        Assert.Empty(result.Valleys);
        Assert.Empty(result.RoiCorners);
        Assert.True(double.IsNaN(result.FingerDirectionDegrees));
    }

    [Theory]
    [InlineData(320, 240, 1)]
    [InlineData(1024, 768, 2)]
    [InlineData(4000, 3000, 3)]
    public void A_frame_of_noise_has_no_hand(int width, int height, int seed)
    {
        var pixels = new byte[width * height];
        new Random(seed).NextBytes(pixels);

        var result = PalmLocalizer.Locate(new GrayImage(width, height, pixels));

        Assert.Equal(CaptureVerdict.NoHand, result.Verdict);
    }

    [Fact]
    public void A_color_frame_of_noise_has_no_hand()
    {
        var pixels = new byte[640 * 480 * 3];
        new Random(4).NextBytes(pixels);

        Assert.Equal(CaptureVerdict.NoHand, PalmLocalizer.Locate(new RgbImage(640, 480, pixels)).Verdict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_bright_disc_or_square_without_fingers_is_no_hand(bool square)
    {
        var image = Draw(640, 480, 20, (x, y) => square
            ? Math.Abs(x - 320) < 150 && Math.Abs(y - 240) < 150
            : ((x - 320) * (x - 320)) + ((y - 240) * (y - 240)) < 150 * 150);

        var result = PalmLocalizer.Locate(image);

        Assert.Equal(CaptureVerdict.NoHand, result.Verdict);
        Assert.NotEmpty(result.Contour);
    }

    [Fact]
    public void A_mitten_with_the_thumb_apart_and_the_fingers_together_has_fingers_not_spread()
    {
        // Palm, four fingers pressed together into one block, and a thumb apart: one gap, not three.
        var image = Draw(640, 480, 20, (x, y) =>
            (x is > 220 and < 420 && y is > 200 and < 420)
            || (x is > 225 and < 415 && y is > 40 and <= 200)
            || (x is > 420 and < 560 && y is > 280 and < 330));

        var result = PalmLocalizer.Locate(image);

        Assert.Equal(CaptureVerdict.FingersNotSpread, result.Verdict);
        Assert.InRange(result.Score, 1, 2);
        Assert.Equal(LocalizationResult.MessageOf(CaptureVerdict.FingersNotSpread), result.Message);
    }

    [Fact]
    public void Every_verdict_has_a_message()
    {
        var messages = Enum.GetValues<CaptureVerdict>().Select(LocalizationResult.MessageOf).ToList();

        Assert.All(messages, message => Assert.EndsWith(".", message, StringComparison.Ordinal));
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalizationResult.MessageOf((CaptureVerdict)99));
    }

    [Fact]
    public void Null_frames_throw()
    {
        Assert.Throws<ArgumentNullException>(() => PalmLocalizer.Locate((GrayImage)null!));
        Assert.Throws<ArgumentNullException>(() => PalmLocalizer.Locate((RgbImage)null!));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(180.5)]
    [InlineData(double.NaN)]
    public void Options_refuse_a_largest_rotation_outside_0_to_180(double degrees) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PalmLocalizerOptions { MaxRotationDegrees = degrees });

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Options_refuse_an_expected_direction_that_is_not_finite(double degrees) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PalmLocalizerOptions { ExpectedFingerDirectionDegrees = degrees });

    [Fact]
    public void Default_options_accept_any_rotation()
    {
        Assert.Equal(180, PalmLocalizerOptions.Default.MaxRotationDegrees);
        Assert.Equal(0, PalmLocalizerOptions.Default.ExpectedFingerDirectionDegrees);
    }

    [Theory]
    [InlineData(128, 128, true)]
    [InlineData(256, 256, true)]
    [InlineData(257, 257, false)]
    [InlineData(128, 127, false)]
    [InlineData(1024, 768, false)]
    public void Small_square_images_are_roi_sized_and_anything_else_is_a_frame(int width, int height, bool roi)
    {
        Assert.Equal(roi, PalmLocalizer.IsRoiSized(width, height));
    }

    private static GrayImage Draw(int width, int height, byte background, Func<int, int, bool> inside)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = inside(x, y) ? (byte)(170 + ((x * 7) + (y * 13)) % 40) : background;
            }
        }

        return new GrayImage(width, height, pixels);
    }
}
