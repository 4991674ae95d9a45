using PalmKey.Engine;

namespace PalmKey.Tests.Index;

/// <summary>Full codes made up for geometry tests.</summary>
internal static class TestCodes
{
    /// <summary>A code whose cell (x, y) is cell (x + dx, y + dy) of <paramref name="code"/> (zero outside it).</summary>
    public static uint[] Shift(uint[] code, int dx, int dy)
    {
        var shifted = new uint[CodeLayout.Words];
        for (var y = 0; y < CodeLayout.Grid; y++)
        {
            var source = y + dy;
            if (source is < 0 or >= CodeLayout.Grid)
            {
                continue;
            }

            for (var p = 0; p < CodeLayout.Planes; p++)
            {
                var word = code[(source * CodeLayout.Planes) + p];
                shifted[(y * CodeLayout.Planes) + p] = dx >= 0 ? word >> dx : word << -dx;
            }
        }

        return shifted;
    }

    public static uint[] Random(int seed)
    {
        var random = new System.Random(seed);
        var code = new uint[CodeLayout.Words];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = (uint)random.NextInt64(0, 1L << 32);
        }

        return code;
    }
}
