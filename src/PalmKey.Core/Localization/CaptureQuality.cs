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
    /// The share of band-pass energy in the fine band: energy of (image - blur1) over the energy of
    /// (image - blur1) plus (blur1 - blur2), where blur1 and blur2 are box-filter cascades about 1 and
    /// 3 pixels wide. Independent of contrast; falls as blur removes the fine band.
    /// </summary>
    private static double SharpnessOf(GrayImage roi)
    {
        var width = roi.Width;
        var height = roi.Height;
        var fine = BinaryImage.Smooth(roi.Pixels, width, height);
        var coarse = fine;
        for (var i = 0; i < 4; i++)
        {
            coarse = BinaryImage.Smooth(coarse, width, height);
        }

        double fineEnergy = 0, coarseEnergy = 0;
        for (var y = 4; y < height - 4; y++)
        {
            for (var x = 4; x < width - 4; x++)
            {
                var i = (y * width) + x;
                double a = roi.Pixels[i] - fine[i];
                double b = fine[i] - coarse[i];
                fineEnergy += a * a;
                coarseEnergy += b * b;
            }
        }

        var total = fineEnergy + coarseEnergy;
        return total > 0 ? fineEnergy / total : 0;
    }
}
