namespace PalmKey.Tests;

public sealed class RgbImageTests
{
    [Fact]
    public void Rejects_a_pixel_buffer_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => new RgbImage(4, 4, new byte[47]));
        Assert.Contains("48", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 4, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(4, -1, []));
    }

    [Fact]
    public void Converts_to_gray_with_rounded_BT601_weights()
    {
        var image = new RgbImage(5, 1, [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 255, 255, 255]);

        var gray = image.ToGray();

        // 299*255/1000 = 76.2, 587*255/1000 = 149.7, 114*255/1000 = 29.1, (2990+11740+3420)/1000 = 18.15
        Assert.Equal(new byte[] { 76, 150, 29, 18, 255 }, gray.Pixels);
        Assert.Equal((5, 1), (gray.Width, gray.Height));
    }
}
