using System.CommandLine;

namespace PalmKey.Cli;

/// <summary>
/// Runs a command and turns the failures a user can cause (a missing file, an unreadable image or
/// template, a dataset the protocol selects nothing from) into one clear line on standard error and
/// exit code 1, instead of a stack trace.
/// </summary>
internal static class CommandLineErrors
{
    public static int Invoke(RootCommand root, string[] args)
    {
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args).Invoke(configuration);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageFormatException or TemplateFormatException
            or InvalidDataException or InvalidOperationException or ArgumentException or PlatformNotSupportedException)
        {
            Console.Error.WriteLine($"palmkey: {e.Message}");
            return 1;
        }
    }
}
