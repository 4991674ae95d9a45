namespace PalmKey.Cli.Evaluation;

/// <summary>The scores one thread gathers while comparing probes; merged at the end.</summary>
internal sealed class ScoreSets
{
    public List<float> ImageGenuine { get; } = [];

    public List<float> ImageImpostor { get; } = [];

    public List<float> PalmGenuine { get; } = [];

    public List<float> PalmImpostor { get; } = [];

    public RankOneCounter ImageRankOne { get; } = new();

    public RankOneCounter PalmRankOne { get; } = new();

    public List<double> MatchMicroseconds { get; } = [];

    public void Add(ScoreSets other)
    {
        ImageGenuine.AddRange(other.ImageGenuine);
        ImageImpostor.AddRange(other.ImageImpostor);
        PalmGenuine.AddRange(other.PalmGenuine);
        PalmImpostor.AddRange(other.PalmImpostor);
        ImageRankOne.Add(other.ImageRankOne);
        PalmRankOne.Add(other.PalmRankOne);
        MatchMicroseconds.AddRange(other.MatchMicroseconds);
    }
}
