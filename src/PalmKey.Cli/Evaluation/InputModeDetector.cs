namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Decides whether a dataset holds palm ROIs or whole-hand frames: ROIs when each of the first
/// <see cref="Sample"/> readable images is ROI-sized (<see cref="PalmLocalizer.IsRoiSized"/>), and
/// whole hands otherwise.
/// </summary>
internal static class InputModeDetector
{
    public const int Sample = 8;

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

            if (!PalmLocalizer.IsRoiSized(gray.Width, gray.Height))
            {
                return InputMode.Hand;
            }
        }

        return InputMode.Roi;
    }
}
