using System.CommandLine;
using PalmKey.Cli.Commands;

namespace PalmKey.Cli;

/// <summary>The palmkey command tree, built in one place for Program.cs and the tests.</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot() => new("PalmKey: palm recognition from the command line.")
    {
        ServeCommand.Create(),
        TenantCommand.Create(),
        DeviceCommand.Create(),
        AuditCommand.Create(),
        BenchHttpCommand.Create(),
        BenchSearchCommand.Create(),
        EvaluateCommand.Create(),
        EvaluateSearchCommand.Create(),
        ExtractCommand.Create(),
        MatchCommand.Create(),
        RoiCommand.Create(),
        SynthCommand.Create(),
    };
}
