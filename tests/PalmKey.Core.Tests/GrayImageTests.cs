namespace PalmKey.Tests;

public sealed class GrayImageTests
{
    [Fact]
    public void Rejects_a_pixel_buffer_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => new GrayImage(4, 4, new byte[15]));
        Assert.Contains("16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexes_row_by_row()
    {
        var image = new GrayImage(3, 2, [0, 1, 2, 3, 4, 5]);
        Assert.Equal(5, image[2, 1]);
    }
}
