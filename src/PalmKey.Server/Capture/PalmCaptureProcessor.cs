using System.Globalization;

namespace PalmKey.Server.Capture;

/// <summary>
/// Turns frames into probes. An ROI-sized frame (<see cref="PalmLocalizer.IsRoiSized"/>) is taken as
/// the palm's region of interest (ROI) cut by the device, and coded as it is; any other frame is a
/// whole hand, and <see cref="PalmLocalizer"/> finds the palm in it and cuts the ROI. A frame where no
/// usable palm is found is refused as poor quality with the localizer's advice (such as "Spread your
/// fingers apart."), as is an ROI smaller than <see cref="PalmExtractor.MinimumRoiSide"/> on a side or
/// one with almost no contrast (a blank or covered camera).
/// </summary>
internal sealed class PalmCaptureProcessor : IPalmCaptureProcessor
{
    // Gray levels between the 1st and 99th percentile below which a frame holds no palm lines.
    private const int MinimumContrast = 12;

    public Task<CaptureResult> ProcessAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var probes = new PalmProbe[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            GrayImage image;
            try
            {
                image = ImageCodec.DecodeGray(frames[i]);
            }
            catch (ImageFormatException e)
            {
                return Task.FromResult(CaptureResult.Refused(new CaptureRejection(FrameVerdict.InvalidImage, i, Frame(i, e.Message))));
            }

            if (!PalmLocalizer.IsRoiSized(image.Width, image.Height))
            {
                var located = PalmLocalizer.Locate(image);
                if (!located.IsOk)
                {
                    return Task.FromResult(CaptureResult.Refused(new CaptureRejection(
                        FrameVerdict.PoorQuality, i, Frame(i, $"no usable palm ({located.Verdict}). {located.Message}"))));
                }

                image = located.Roi!;
            }
            else if (image.Width < PalmExtractor.MinimumRoiSide || image.Height < PalmExtractor.MinimumRoiSide)
            {
                return Task.FromResult(CaptureResult.Refused(new CaptureRejection(
                    FrameVerdict.PoorQuality, i, Frame(i, $"{image.Width}x{image.Height} pixels is too small; a palm region needs at least {PalmExtractor.MinimumRoiSide}x{PalmExtractor.MinimumRoiSide}."))));
            }

            if (Contrast(image) < MinimumContrast)
            {
                return Task.FromResult(CaptureResult.Refused(new CaptureRejection(
                    FrameVerdict.PoorQuality, i, Frame(i, "the image is almost uniform and shows no palm lines."))));
            }

            probes[i] = PalmExtractor.ExtractProbe(image);
        }

        return Task.FromResult(CaptureResult.Accepted(probes));
    }

    private static string Frame(int index, string problem) => string.Create(CultureInfo.InvariantCulture, $"Frame {index}: {problem}");

    private static int Contrast(GrayImage image)
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var pixel in image.Pixels)
        {
            histogram[pixel]++;
        }

        var tail = image.Pixels.Length / 100;
        int low = 0, high = 255, seen = 0;
        while (low < 255 && (seen += histogram[low]) <= tail)
        {
            low++;
        }

        seen = 0;
        while (high > 0 && (seen += histogram[high]) <= tail)
        {
            high--;
        }

        return high - low;
    }
}
