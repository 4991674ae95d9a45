using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Evaluation;

public sealed class InputModeDetectorTests
{
    [Fact]
    public void A_set_of_small_square_crops_holds_ROIs()
    {
        using var dataset = new TestDataset(palms: 2);

        Assert.Equal(InputMode.Roi, InputModeDetector.Detect(Dataset.Open(dataset.Root)));
    }

    [Theory]
    [InlineData(384, 284)]
    [InlineData(300, 300)]
    public void A_set_with_frames_that_are_not_small_squares_holds_whole_hands(int width, int height)
    {
        using var dataset = new TestDataset(palms: 2);
        dataset.Write(1, "a_frame.png", ImageCodec.EncodePng(new GrayImage(width, height, new byte[width * height])));

        Assert.Equal(InputMode.Hand, InputModeDetector.Detect(Dataset.Open(dataset.Root)));
    }
}
