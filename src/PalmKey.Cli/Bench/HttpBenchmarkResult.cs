namespace PalmKey.Cli.Bench;

/// <summary>
/// What <see cref="HttpBenchmark"/> measured. The CPU times are the process's (server and client
/// together) per timed request: unlike the latencies, they hardly depend on what else the machine runs.
/// </summary>
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
    int Impostors,
    TimeSpan EnrollmentCpu,
    TimeSpan IdentificationCpu);
