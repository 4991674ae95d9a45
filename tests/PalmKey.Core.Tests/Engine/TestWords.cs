using System.Runtime.InteropServices;

namespace PalmKey.Tests.Engine;

/// <summary>Random code words for the kernel and search tests.</summary>
internal static class TestWords
{
    public static uint[] Random(Random random, int length)
    {
        var words = new uint[length];
        random.NextBytes(MemoryMarshal.AsBytes(words.AsSpan()));
        return words;
    }
}
