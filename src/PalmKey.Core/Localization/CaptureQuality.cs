namespace PalmKey.Localization;

/// <summary>Exposure and sharpness of a cut palm ROI.</summary>
internal readonly record struct CaptureQuality(double Brightness, double Saturated, double Sharpness)
{
    public static CaptureQuality Measure(GrayImage roi)
    {
        var pixels = roi.Pixels;
        double sum = 0;
        var saturated = 0;
        foreach (var value in pixels)
        {
            sum += value;
            if (value >= 250)
            {
                saturated++;
            }
        }

        return new CaptureQuality(sum / pixels.Length, (double)saturated / pixels.Length, SharpnessOf(roi));
    }

    /// <summary>
    /// The RMS of the ROI's finest detail (the ROI minus its smoothed copy, about 1 pixel sigma), as a
    /// percentage of the ROI's mean brightness: independent of exposure, and falling steadily as blur
    /// wipes out the creases and skin texture, down to the floor set by sensor and compression noise.
    /// </summary>
    private static double SharpnessOf(GrayImage roi)
    {
        const int Margin = 8;
        var width = roi.Width;
        var height = roi.Height;
        var pixels = roi.Pixels;
        var smooth = BinaryImage.Smooth(pixels, width, height);
        double energy = 0, sum = 0;
        var count = 0;
        for (var y = Margin; y < height - Margin; y++)
        {
            for (var x = Margin; x < width - Margin; x++)
            {
                var i = (y * width) + x;
                double detail = pixels[i] - smooth[i];
                energy += detail * detail;
                sum += pixels[i];
                count++;
            }
        }

        return sum > 0 ? 100 * Math.Sqrt(energy / count) / (sum / count) : 0;
    }
}
