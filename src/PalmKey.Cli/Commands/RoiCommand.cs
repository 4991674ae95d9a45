using System.CommandLine;
using PalmKey.Cli.Evaluation;
using PalmKey.Cli.Imaging;

namespace PalmKey.Cli.Commands;

/// <summary><c>palmkey roi</c>: finds the palm in a whole-hand frame and writes its ROI, or says why it cannot.</summary>
internal static class RoiCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "Whole-hand frame (BMP, PNG, PGM/PPM or JPEG), gray or color." };
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write the palm ROI to (128x128, gray); not written when the frame is rejected.", Required = true };
        var debug = new Option<FileInfo?>("--debug") { Description = "PNG file to write an overlay to: hand outline, finger valleys, palm axes, ROI box and verdict." };
        var debugSide = new Option<int>("--debug-side") { Description = "Longer side of the overlay in pixels; the frame is scaled down to it.", DefaultValueFactory = _ => 800 };
        debugSide.Validators.Add(result =>
        {
            if (result.GetValue(debugSide) < 64)
            {
                result.AddError("--debug-side must be at least 64.");
            }
        });
        var command = new Command("roi", "Find the palm in a whole-hand frame and cut its region of interest. Exits 0 when a ROI was cut, 2 when the frame was rejected (the verdict says why).")
        {
            image, output, debug, debugSide,
        };
        command.SetAction(parse =>
        {
            var frame = ImageCodec.ReadRgb(parse.GetValue(image)!.FullName);
            var gray = HandFrames.GrayIfNeutral(frame);
            var result = gray is null ? PalmLocalizer.Locate(frame) : PalmLocalizer.Locate(gray);
            if (parse.GetValue(debug) is { } overlay)
            {
                File.WriteAllBytes(overlay.FullName, ImageCodec.EncodePng(RoiOverlay.Draw(frame, result, parse.GetValue(debugSide))));
                Console.WriteLine($"wrote {overlay.FullName}");
            }

            if (!result.IsOk)
            {
                Console.WriteLine($"rejected: {HandFrames.Describe(result)}");
                return 2;
            }

            var roi = parse.GetValue(output)!;
            File.WriteAllBytes(roi.FullName, ImageCodec.EncodePng(result.Roi!));
            Console.WriteLine($"wrote {roi.FullName}");

            Console.WriteLine(FormattableString.Invariant($"ok (score {result.Score:0.###}); fingers point {result.FingerDirectionDegrees:0.#} degrees from up; palm width {result.PalmWidth:0.#} px{(result.IsMirrored ? "; mirrored into a right palm's layout" : string.Empty)}"));
            return 0;
        });
        return command;
    }
}
