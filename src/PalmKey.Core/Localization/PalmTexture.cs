namespace PalmKey.Localization;

/// <summary>
/// Reads which way round a palm ROI is from its lines (docs/localization.md). The principal lines of a
/// palm run mostly along one diagonal of the ROI: seen as in the canonical layout (fingers up, thumb side
/// on the right) the gradients across them have a positive product gx * gy, and a mirrored palm a
/// negative one. On the development sets the sign was right for every image where the thumb showed,
/// and the same for every image of a palm where it did not.
/// </summary>
internal static class PalmTexture
{
    /// <summary>
    /// The normalized off-diagonal of the structure tensor over the ROI's central part, after smoothing
    /// away the fine wrinkles: -1 to 1, positive for the canonical layout.
    /// </summary>
    public static double Chirality(GrayImage roi, int passes = 3)
    {
        var width = roi.Width;
        var image = roi.Pixels;
        for (var i = 0; i < passes; i++)
        {
            image = BinaryImage.Smooth(image, width, roi.Height);
        }

        const int Margin = 8;
        double cross = 0, energy = 0;
        for (var y = Margin; y < roi.Height - Margin; y++)
        {
            for (var x = Margin; x < width - Margin; x++)
            {
                var i = (y * width) + x;
                double gx = image[i + 1] - image[i - 1];
                double gy = image[i + width] - image[i - width];
                cross += 2 * gx * gy;
                energy += (gx * gx) + (gy * gy);
            }
        }

        return energy > 0 ? cross / energy : 0;
    }

    /// <summary>The ROI mirrored left to right.</summary>
    public static GrayImage Mirror(GrayImage roi)
    {
        var pixels = new byte[roi.Pixels.Length];
        for (var y = 0; y < roi.Height; y++)
        {
            var source = roi.Pixels.AsSpan(y * roi.Width, roi.Width);
            var target = pixels.AsSpan(y * roi.Width, roi.Width);
            source.CopyTo(target);
            target.Reverse();
        }

        return new GrayImage(roi.Width, roi.Height, pixels);
    }
}
