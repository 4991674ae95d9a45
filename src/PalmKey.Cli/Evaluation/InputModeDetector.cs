namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Decides whether a dataset holds palm ROIs or whole-hand frames: ROIs when each of the first
/// <see cref="Sample"/> images is square and at most <see cref="MaxRoiSide"/> pixels on a side, as ROI
/// crops are (Tongji's are 128x128), and whole hands otherwise. Camera and scanner frames are neither
/// square nor that small.
/// </summary>
internal static class InputModeDetector
{
    public const int Sample = 8;

    public const int MaxRoiSide = 256;

    public static InputMode Detect(Dataset dataset)
    {
        foreach (var image in dataset.Images.Take(Sample))
        {
            GrayImage gray;
            try
            {
                gray = ImageCodec.ReadGray(image.Path);
            }
            catch (ImageFormatException)
            {
                continue;
            }

            if (gray.Width != gray.Height || gray.Width > MaxRoiSide)
            {
                return InputMode.Hand;
            }
        }

        return InputMode.Roi;
    }
}
