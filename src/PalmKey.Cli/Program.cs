using System.CommandLine;
using PalmKey.Cli;
using PalmKey.Cli.Commands;

var root = new RootCommand("PalmKey: palm recognition from the command line.")
{
    BenchSearchCommand.Create(),
    EvaluateCommand.Create(),
    EvaluateSearchCommand.Create(),
    ExtractCommand.Create(),
    MatchCommand.Create(),
    SynthCommand.Create(),
};
return CommandLineErrors.Invoke(root, args);
