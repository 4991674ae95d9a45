namespace PalmKey.Cli.Evaluation;

/// <summary>What extraction made of one image: a probe (with its template), or the reason it failed.</summary>
internal sealed record ExtractedImage(DatasetImage Image, PalmProbe? Probe, PalmTemplate? Template, string? Failure, double ExtractMilliseconds);
