namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Closed-set rank-1 identification: a probe whose palm is enrolled is a hit when its best genuine
/// score is strictly above every impostor score (a tie counts as a miss).
/// </summary>
internal sealed class RankOneCounter
{
    public int Probes { get; private set; }

    public int Hits { get; private set; }

    public double Rate => Probes == 0 ? double.NaN : (double)Hits / Probes;

    public void Count(float bestGenuine, float bestImpostor)
    {
        if (float.IsNegativeInfinity(bestGenuine))
        {
            return;
        }

        Probes++;
        if (bestGenuine > bestImpostor)
        {
            Hits++;
        }
    }

    public void Add(RankOneCounter other)
    {
        Probes += other.Probes;
        Hits += other.Hits;
    }
}
