namespace PalmKey.Tests;

/// <summary>
/// Real whole-hand frames (../shared/datasets; each test skips where its set is absent): a few frames of
/// each set localize and match, copies turned, mirrored or rescaled still do, and spoiled copies get the
/// verdict that names what is wrong.
/// </summary>
public sealed class PalmLocalizerRealFrameTests
{
    public static TheoryData<string> Sets => new() { "polyu-palm", "coep-hand" };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Frames_of_each_set_localize_and_match_their_own_palm_only(string set)
    {
        var frames = HandImages.Frames(set, palms: 3, perPalm: 2);
        var located = frames.Select(f => (f.Palm, Result: HandImages.Locate(f.Frame))).ToList();

        Assert.All(located, l => Assert.True(l.Result.IsOk, $"{set} {l.Palm}: {l.Result.Verdict} ({l.Result.Score})"));
        Assert.All(located, l => Assert.Equal((PalmLocalizer.RoiSize, PalmLocalizer.RoiSize), (l.Result.Roi!.Width, l.Result.Roi.Height)));
        Assert.All(located, l => Assert.Equal(3, l.Result.Valleys.Count));
        Assert.All(located, l => Assert.Equal(4, l.Result.RoiCorners.Count));
        for (var i = 0; i < located.Count; i++)
        {
            for (var j = 0; j < located.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var score = HandImages.Score(located[i].Result, PalmExtractor.Extract(located[j].Result.Roi!));
                if (located[i].Palm == located[j].Palm)
                {
                    Assert.True(score > HandImages.MatchThreshold, $"{set} {located[i].Palm}: genuine score {score}");
                }
                else
                {
                    Assert.True(score < HandImages.MatchThreshold, $"{set} {located[i].Palm} vs {located[j].Palm}: impostor score {score}");
                }
            }
        }
    }

    [Theory]
    [InlineData("polyu-palm", 30)]
    [InlineData("polyu-palm", -30)]
    [InlineData("polyu-palm", 90)]
    [InlineData("polyu-palm", 180)]
    [InlineData("coep-hand", 30)]
    [InlineData("coep-hand", -30)]
    [InlineData("coep-hand", -90)]
    public void A_turned_frame_still_localizes_and_matches(string set, double degrees)
    {
        var (enrolled, probe) = TwoFramesOfOnePalm(set);

        var turned = HandImages.Locate(HandImages.Rotate(probe, degrees));

        Assert.True(HandImages.Score(turned, enrolled) > HandImages.MatchThreshold);
        var upright = HandImages.Locate(probe);
        var turn = Math.IEEERemainder(turned.FingerDirectionDegrees - upright.FingerDirectionDegrees - degrees, 360);
        Assert.InRange(turn, -10, 10);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_mirrored_frame_still_localizes_and_matches_and_is_reported_mirrored_the_other_way(string set)
    {
        var (enrolled, probe) = TwoFramesOfOnePalm(set);

        var mirrored = HandImages.Locate(HandImages.Mirror(probe));

        Assert.True(HandImages.Score(mirrored, enrolled) > HandImages.MatchThreshold);
        Assert.NotEqual(HandImages.Locate(probe).IsMirrored, mirrored.IsMirrored);
    }

    /// <summary>coep-hand frames are 1024x768: at 0.3125 they are 320x240, at 3.90625 4000x3000.</summary>
    [Theory]
    [InlineData("polyu-palm", 0.7)]
    [InlineData("polyu-palm", 1.6)]
    [InlineData("coep-hand", 0.3125)]
    [InlineData("coep-hand", 0.5)]
    [InlineData("coep-hand", 1.5)]
    [InlineData("coep-hand", 3.90625)]
    public void A_rescaled_frame_still_localizes_and_matches(string set, double scale)
    {
        var (enrolled, probe) = TwoFramesOfOnePalm(set);

        var rescaled = HandImages.Locate(HandImages.Rescale(probe, scale));

        Assert.True(HandImages.Score(rescaled, enrolled) > HandImages.MatchThreshold);
    }

    [Fact]
    public void A_hand_small_in_a_large_frame_is_too_far()
    {
        var (_, probe) = TwoFramesOfOnePalm("coep-hand");

        var result = HandImages.Locate(HandImages.Pad(HandImages.Rescale(probe, 0.15), 1024, 768));

        Assert.Equal(CaptureVerdict.TooFar, result.Verdict);
        Assert.InRange(result.Score, 1, 48);
    }

    [Fact]
    public void A_frame_cut_through_the_palm_has_the_hand_cut_off()
    {
        var (_, probe) = TwoFramesOfOnePalm("coep-hand");
        var whole = HandImages.Locate(probe);
        var centre = whole.RoiCorners.Aggregate((a, b) => a + b) / 4;

        // Keep the fingers and the half of the palm next to them: cut through the ROI's centre, across
        // the side (of the frame) the fingers point to.
        var direction = whole.FingerDirectionDegrees;
        var (x, y) = ((int)centre.X, (int)centre.Y);
        var cut = direction switch
        {
            >= -45 and <= 45 => HandImages.Crop(probe, 0, 0, probe.Width, y),
            > 45 and < 135 => HandImages.Crop(probe, x, 0, probe.Width, probe.Height),
            > -135 and < -45 => HandImages.Crop(probe, 0, 0, x, probe.Height),
            _ => HandImages.Crop(probe, 0, y, probe.Width, probe.Height),
        };
        var result = HandImages.Locate(cut);

        Assert.Equal(CaptureVerdict.HandCutOff, result.Verdict);
        Assert.InRange(result.Score, 0.02, 0.7);
    }

    [Fact]
    public void A_heavily_blurred_frame_is_blurred()
    {
        var (_, probe) = TwoFramesOfOnePalm("polyu-palm");
        var width = HandImages.Locate(probe).PalmWidth;

        var result = HandImages.Locate(HandImages.Blur(probe, (int)Math.Round(0.05 * width)));

        Assert.Equal(CaptureVerdict.Blurred, result.Verdict);
        Assert.InRange(result.Score, 0, 0.3);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_frame_a_tenth_as_bright_is_too_dark(string set)
    {
        var (_, probe) = TwoFramesOfOnePalm(set);

        var result = HandImages.Locate(HandImages.Expose(probe, 0.1));

        Assert.Equal(CaptureVerdict.TooDark, result.Verdict);
        Assert.InRange(result.Score, 0, 30);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_frame_three_times_as_bright_is_overexposed(string set)
    {
        var (_, probe) = TwoFramesOfOnePalm(set);

        var result = HandImages.Locate(HandImages.Expose(probe, 3));

        Assert.Equal(CaptureVerdict.Overexposed, result.Verdict);
        Assert.InRange(result.Score, 0.8, 1);
    }

    [Fact]
    public void A_device_that_expects_one_direction_refuses_a_hand_turned_further_than_it_allows()
    {
        var (_, probe) = TwoFramesOfOnePalm("coep-hand");
        var upright = HandImages.Locate(probe);
        var options = new PalmLocalizerOptions { ExpectedFingerDirectionDegrees = upright.FingerDirectionDegrees, MaxRotationDegrees = 20 };

        var slightly = HandImages.Locate(HandImages.Rotate(probe, 10), options);
        var tooMuch = HandImages.Locate(HandImages.Rotate(probe, 45), options);

        Assert.True(slightly.IsOk, $"{slightly.Verdict}");
        Assert.Equal(CaptureVerdict.RotatedTooMuch, tooMuch.Verdict);
        Assert.InRange(tooMuch.Score, 35, 55);
    }

    [Fact]
    public void A_frame_and_its_gray_copy_give_the_same_palm()
    {
        var (enrolled, probe) = TwoFramesOfOnePalm("coep-hand");

        var gray = PalmLocalizer.Locate(HandImages.Gray(probe));

        Assert.True(HandImages.Score(gray, enrolled) > HandImages.MatchThreshold);
    }

    /// <summary>The template of the first frame of the set's first palm, and its second frame.</summary>
    private static (PalmTemplate Enrolled, RgbImage Probe) TwoFramesOfOnePalm(string set)
    {
        var frames = HandImages.Frames(set, palms: 1, perPalm: 2);
        var enrolled = HandImages.Locate(frames[0].Frame);
        Assert.True(enrolled.IsOk, $"{enrolled.Verdict}");
        return (PalmExtractor.Extract(enrolled.Roi!), frames[1].Frame);
    }
}
