using PalmKey.Cli;

namespace PalmKey.Tests.Commands;

/// <summary>Runs palmkey in process, with the root Program.cs uses, and captures what it writes.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = CommandLineErrors.Invoke(CliApp.CreateRoot(), args);
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
