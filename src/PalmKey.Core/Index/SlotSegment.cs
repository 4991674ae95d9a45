using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// A fixed run of <see cref="Capacity"/> capture slots, stored as parallel arrays so that a million
/// captures are a few hundred large arrays rather than a million objects. A segment is never moved or
/// resized once made; readers may hold it while writers fill other slots.
/// </summary>
internal sealed class SlotSegment
{
    /// <summary>Slots per segment: a multiple of the coarse block size, small enough that a part-filled last segment wastes little.</summary>
    public const int Capacity = 4096;

    public const int Shift = 12;

    /// <summary>Full codes, <see cref="CodeLayout.Words"/> words per slot, in template order.</summary>
    public uint[] Codes { get; } = new uint[Capacity * CodeLayout.Words];

    /// <summary>Coarse codes in the transposed block layout of <see cref="CoarseKernels"/>.</summary>
    public uint[] Coarse { get; } = new uint[Capacity * CoarseCode.Words];

    /// <summary>The palm handle that owns each slot, or -1 for a free slot.</summary>
    public int[] Owner { get; } = CreateFilled(Capacity, -1);

    /// <summary>The next slot of the same palm, or -1 after its last capture.</summary>
    public int[] Next { get; } = CreateFilled(Capacity, -1);

    /// <summary>Bytes of the arrays above.</summary>
    public static long Bytes => Capacity * ((CodeLayout.Words + CoarseCode.Words) * sizeof(uint) + (2 * sizeof(int)));

    public Span<uint> Code(int index) => Codes.AsSpan(index * CodeLayout.Words, CodeLayout.Words);

    /// <summary>Writes a slot's coarse code into its lane of the transposed blocks.</summary>
    public void SetCoarse(int index, ReadOnlySpan<uint> coarse) => CoarseKernels.Set(Coarse, index, coarse);

    public void GetCoarse(int index, Span<uint> coarse) => CoarseKernels.Get(Coarse, index, coarse);

    private static int[] CreateFilled(int length, int value)
    {
        var array = new int[length];
        Array.Fill(array, value);
        return array;
    }
}
