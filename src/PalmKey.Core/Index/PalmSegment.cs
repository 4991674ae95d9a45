namespace PalmKey.Index;

/// <summary>
/// A fixed run of <see cref="Capacity"/> palm records as parallel arrays. Each record is guarded by a
/// sequence number (a seqlock): a writer makes it odd before it changes the record or relinks the
/// record's slots, and even again after; a reader that sees the same even number before and after
/// reading knows that what it read was one consistent state.
/// </summary>
internal sealed class PalmSegment
{
    public const int Capacity = 4096;

    public const int Shift = 12;

    public Guid[] Ids { get; } = new Guid[Capacity];

    /// <summary>Sequence numbers: odd while a writer is changing the record.</summary>
    public int[] Versions { get; } = new int[Capacity];

    /// <summary>The first slot of the palm's captures.</summary>
    public int[] FirstSlot { get; } = new int[Capacity];

    /// <summary>How many captures the palm has; 0 for a free record.</summary>
    public int[] Captures { get; } = new int[Capacity];

    public static long Bytes => Capacity * (16L + (3 * sizeof(int)));
}
