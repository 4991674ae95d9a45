using System.Globalization;

namespace PalmKey.Cli.Evaluation;

/// <summary>Helpers for whole-hand frames shared by the evaluate and roi commands.</summary>
internal static class HandFrames
{
    /// <summary>
    /// The frame as gray when it has no color at all (a gray BMP or PNG decoded to RGB), so that the
    /// localizer does not spend time on a color cue that cannot help; null for a color frame.
    /// </summary>
    public static GrayImage? GrayIfNeutral(RgbImage frame)
    {
        var pixels = frame.Pixels;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            if (pixels[i] != pixels[i + 1] || pixels[i] != pixels[i + 2])
            {
                return null;
            }
        }

        var gray = new byte[frame.Width * frame.Height];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = pixels[i * 3];
        }

        return new GrayImage(frame.Width, frame.Height, gray);
    }

    /// <summary>One line for a rejected frame: the verdict, its score and the message for the person.</summary>
    public static string Describe(LocalizationResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.Verdict} (score {result.Score:0.###}): {result.Message}");
}
