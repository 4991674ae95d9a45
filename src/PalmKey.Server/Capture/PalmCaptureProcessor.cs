using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PalmKey.Server.Enrollment;

namespace PalmKey.Server.Capture;

/// <summary>
/// Turns frames into probes. An ROI-sized frame (<see cref="PalmLocalizer.IsRoiSized"/>) is taken as
/// the palm's region of interest (ROI) cut by the device, and coded as it is; any other frame is a
/// whole hand, and <see cref="PalmLocalizer"/> finds the palm in it and cuts the ROI. A frame where no
/// usable palm is found is refused as poor quality with the localizer's advice (such as "Spread your
/// fingers apart."), as is an ROI smaller than <see cref="PalmExtractor.MinimumRoiSide"/> on a side or
/// one with almost no contrast (a blank or covered camera). A hover gesture
/// (<see cref="ProcessHoverAsync"/>) is checked further; docs/protocol.md says what that does and does
/// not stop.
/// </summary>
internal sealed class PalmCaptureProcessor : IPalmCaptureProcessor
{
    // Gray levels between the 1st and 99th percentile below which a frame holds no palm lines.
    private const int MinimumContrast = 12;

    private readonly FrameReplayCache _replays;
    private readonly int _minFrames;

    public PalmCaptureProcessor(FrameReplayCache replays, IOptions<PalmKeyOptions> options)
    {
        _replays = replays;
        _minFrames = options.Value.Identification.MinFrames;
    }

    public Task<CaptureResult> ProcessAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken) =>
        Task.FromResult(Process(frames, null, cancellationToken));

    public Task<CaptureResult> ProcessHoverAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count < _minFrames)
        {
            return Refuse(FrameVerdict.TooFewFrames, frames.Count, string.Create(CultureInfo.InvariantCulture, $"An identification needs a hover gesture: at least {_minFrames} frames of the palm held over the scanner, taken one after another; {frames.Count} came."));
        }

        // Both the bytes and the decoded pixels are compared, so that re-encoding a frame does not pass.
        var byteHashes = frames.Select(f => Convert.ToHexString(SHA256.HashData(f))).ToList();
        if (FirstRepeat(byteHashes) is { } repeated)
        {
            return Refuse(FrameVerdict.StillImage, repeated, Frame(repeated, "is the same image as an earlier frame of this hover. A live hover never repeats a frame exactly; present a hand, not a picture."));
        }

        var pixelHashes = new List<string>(frames.Count);
        var result = Process(frames, pixelHashes, cancellationToken);
        if (!result.IsAccepted)
        {
            return Task.FromResult(result);
        }

        if (FirstRepeat(pixelHashes) is { } still)
        {
            return Refuse(FrameVerdict.StillImage, still, Frame(still, "shows exactly the same pixels as an earlier frame of this hover. A live hover never repeats a frame exactly; present a hand, not a picture."));
        }

        for (var i = 0; i < frames.Count; i++)
        {
            // Record every hash before answering, so that a replayed frame cannot hide behind an earlier one.
            var fresh = _replays.TryRecord("b" + byteHashes[i]) & _replays.TryRecord("p" + pixelHashes[i]);
            if (!fresh)
            {
                return Refuse(FrameVerdict.Replayed, i, Frame(i, "was already sent to this server. Every identification needs new frames from the camera; a recorded capture is refused."));
            }
        }

        var lowest = CaptureAgreement.LowestPairScore([.. result.Probes.Select(p => p.Template)]);
        if (lowest < CaptureAgreement.Threshold)
        {
            return Refuse(FrameVerdict.Unstable, 0, string.Create(CultureInfo.InvariantCulture, $"The frames of this hover do not show one palm held steadily (lowest agreement {lowest:F1}, needed {CaptureAgreement.Threshold}). Hold one hand still over the scanner and try again."));
        }

        return Task.FromResult(result);
    }

    private static Task<CaptureResult> Refuse(FrameVerdict verdict, int frame, string message) =>
        Task.FromResult(CaptureResult.Refused(new CaptureRejection(verdict, frame, message)));

    private static int? FirstRepeat(List<string> hashes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < hashes.Count; i++)
        {
            if (!seen.Add(hashes[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static CaptureResult Process(IReadOnlyList<byte[]> frames, List<string>? pixelHashes, CancellationToken cancellationToken)
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
                return CaptureResult.Refused(new CaptureRejection(FrameVerdict.InvalidImage, i, Frame(i, e.Message)));
            }

            pixelHashes?.Add(Convert.ToHexString(SHA256.HashData(image.Pixels)));

            if (!PalmLocalizer.IsRoiSized(image.Width, image.Height))
            {
                var located = PalmLocalizer.Locate(image);
                if (!located.IsOk)
                {
                    return CaptureResult.Refused(new CaptureRejection(
                    FrameVerdict.PoorQuality, i, Frame(i, $"no usable palm ({located.Verdict}). {located.Message}")));
                }

                image = located.Roi!;
            }
            else if (image.Width < PalmExtractor.MinimumRoiSide || image.Height < PalmExtractor.MinimumRoiSide)
            {
                return CaptureResult.Refused(new CaptureRejection(
                    FrameVerdict.PoorQuality, i, Frame(i, $"{image.Width}x{image.Height} pixels is too small; a palm region needs at least {PalmExtractor.MinimumRoiSide}x{PalmExtractor.MinimumRoiSide}.")));
            }

            if (Contrast(image) < MinimumContrast)
            {
                return CaptureResult.Refused(new CaptureRejection(
                    FrameVerdict.PoorQuality, i, Frame(i, "the image is almost uniform and shows no palm lines.")));
            }

            probes[i] = PalmExtractor.ExtractProbe(image);
        }

        return CaptureResult.Accepted(probes);
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
