namespace PalmKey.Cli.Bench;

/// <summary>What <see cref="HttpBenchmark"/> measured.</summary>
internal sealed record HttpBenchmarkResult(
    int GalleryPalms,
    int CapturesPerPalm,
    TimeSpan SeedTime,
    TimeSpan LoadTime,
    Latencies Enrollments,
    Latencies Identifications,
    int GenuineRecognized,
    int Genuine,
    int ImpostorsRecognized,
    int Impostors);
