using System.CommandLine;
using System.Globalization;

namespace PalmKey.Cli.Commands;

/// <summary><c>palmkey match</c>: scores two palms, each a ROI image or a template file.</summary>
internal static class MatchCommand
{
    public static Command Create()
    {
        var probe = new Argument<FileInfo>("probe") { Description = "Probe: a palm ROI image or a template file." };
        var candidate = new Argument<FileInfo>("candidate") { Description = "Candidate: a palm ROI image or a template file." };
        var command = new Command("match", "Score how alike two palms are (0 to 100; see docs/accuracy.md for thresholds).") { probe, candidate };
        command.SetAction(parse =>
        {
            var probeBytes = File.ReadAllBytes(parse.GetValue(probe)!.FullName);
            var matcher = IsTemplate(probeBytes)
                ? new PalmMatcher(PalmTemplate.FromBytes(probeBytes))
                : new PalmMatcher(PalmExtractor.ExtractProbe(ImageCodec.DecodeGray(probeBytes)));
            var candidateBytes = File.ReadAllBytes(parse.GetValue(candidate)!.FullName);
            var template = IsTemplate(candidateBytes) ? PalmTemplate.FromBytes(candidateBytes) : PalmExtractor.Extract(ImageCodec.DecodeGray(candidateBytes));
            Console.WriteLine(matcher.Match(template).ToString("F2", CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    private static bool IsTemplate(byte[] data) => data.AsSpan().StartsWith("PKTP"u8);
}
