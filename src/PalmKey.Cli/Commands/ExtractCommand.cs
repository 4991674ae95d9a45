using System.CommandLine;

namespace PalmKey.Cli.Commands;

/// <summary><c>palmkey extract</c>: writes the template of a palm ROI image.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "Palm ROI image (BMP, PNG, PGM or JPEG)." };
        var output = new Option<FileInfo>("--out") { Description = "Template file to write.", Required = true };
        var command = new Command("extract", "Make the template of a palm ROI image.") { image, output };
        command.SetAction(parse =>
        {
            var template = PalmExtractor.Extract(ImageCodec.ReadGray(parse.GetValue(image)!.FullName));
            File.WriteAllBytes(parse.GetValue(output)!.FullName, template.ToBytes());
            Console.WriteLine($"wrote {parse.GetValue(output)!.FullName} ({PalmTemplate.SerializedLength} bytes)");
            return 0;
        });
        return command;
    }
}
