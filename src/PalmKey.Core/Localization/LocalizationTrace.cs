namespace PalmKey.Localization;

/// <summary>Intermediate values of one localization, for measurement and debugging; not used by the pipeline.</summary>
internal sealed class LocalizationTrace
{
    public Otsu Otsu { get; set; }

    public WorkImage? Work { get; set; }

    public bool[]? Mask { get; set; }

    public float PalmRadius { get; set; }

    public IReadOnlyList<FingerGap> Gaps { get; set; } = [];

    public double ThumbVote { get; set; }

    public Dictionary<string, double> Values { get; } = [];

    private long _last = System.Diagnostics.Stopwatch.GetTimestamp();

    public void Mark(string step)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Values["t_" + step] = System.Diagnostics.Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds;
        _last = now;
    }
}
