namespace PalmKey.Tests.Commands;

/// <summary>What one palmkey run returned and wrote.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The lines of standard error that the error handler wrote ("palmkey: ...").</summary>
    public string[] ErrorLines => [.. Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => line.StartsWith("palmkey: ", StringComparison.Ordinal))];

    /// <summary>Every non-empty line of standard error.</summary>
    public string[] AllErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
