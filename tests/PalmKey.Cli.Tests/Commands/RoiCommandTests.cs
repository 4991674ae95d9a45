namespace PalmKey.Tests.Commands;

[Collection(nameof(ConsoleRedirection))]
public sealed class RoiCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("palmkey-roi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_blank_frame_is_rejected_with_its_verdict_and_exit_code_2_and_no_ROI_is_written()
    {
        var frame = Path.Combine(_folder, "blank.png");
        File.WriteAllBytes(frame, ImageCodec.EncodePng(new GrayImage(640, 480, new byte[640 * 480])));
        var roi = Path.Combine(_folder, "roi.png");
        var overlay = Path.Combine(_folder, "overlay.png");

        var result = Cli.Run("roi", frame, "--out", roi, "--debug", overlay, "--debug-side", "320");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rejected: NoHand", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(roi));
        var drawn = ImageCodec.ReadRgb(overlay);
        Assert.Equal((320, 240), (drawn.Width, drawn.Height));
    }

    [Fact]
    public void Out_is_required_and_a_tiny_overlay_is_refused()
    {
        var frame = Path.Combine(_folder, "blank.png");
        File.WriteAllBytes(frame, ImageCodec.EncodePng(new GrayImage(64, 64, new byte[64 * 64])));

        Assert.NotEqual(0, Cli.Run("roi", frame).ExitCode);
        var tiny = Cli.Run("roi", frame, "--out", Path.Combine(_folder, "roi.png"), "--debug-side", "10");
        Assert.NotEqual(0, tiny.ExitCode);
        Assert.Contains("--debug-side", tiny.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_frame_gives_a_128_pixel_ROI_that_matches_the_engine_and_an_overlay()
    {
        var folder = TestData.RequireDataset("polyu-palm");
        var frame = Directory.GetFiles(Directory.GetDirectories(folder).Order(StringComparer.Ordinal).First()).Order(StringComparer.Ordinal).First();
        var roi = Path.Combine(_folder, "roi.png");
        var overlay = Path.Combine(_folder, "overlay.png");

        var result = Cli.Run("roi", frame, "--out", roi, "--debug", overlay);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok (score", result.Output, StringComparison.Ordinal);
        var cut = ImageCodec.ReadGray(roi);
        Assert.Equal(PalmLocalizer.Locate(ImageCodec.ReadGray(frame)).Roi!.Pixels, cut.Pixels);
        var drawn = ImageCodec.ReadRgb(overlay);
        var source = ImageCodec.ReadGray(frame);
        Assert.Equal((source.Width, source.Height), (drawn.Width, drawn.Height));
    }
}
