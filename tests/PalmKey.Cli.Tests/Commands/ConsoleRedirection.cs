namespace PalmKey.Tests.Commands;

/// <summary>
/// Tests that swap Console.Out and Console.Error, which are process-wide: they run one at a time,
/// and never beside another test.
/// </summary>
[CollectionDefinition(nameof(ConsoleRedirection), DisableParallelization = true)]
public sealed class ConsoleRedirection;
