using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PalmKey.Engine;

/// <summary>
/// Filters a normalized ROI with every Gabor kernel at the grid cells only, and codes at each cell the
/// orientation of the strongest negative response (palm lines are dark), per scale.
/// </summary>
/// <remarks>
/// Cells are <see cref="CodeLayout.CellStep"/> pixels apart. Each padded image row is split into its
/// four phases (pixels 4k, 4k+1, 4k+2, 4k+3), so that the pixels under one kernel tap for a whole row
/// of 32 cells are 32 consecutive floats: one row of cells costs two 16-lane multiply-adds per tap.
/// </remarks>
internal static class CompetitiveCoder
{
    private const int Half = CodeLayout.KernelSize / 2;
    private const int Padded = CodeLayout.RoiSize + (2 * Half);

    // Each phase row holds ceil(Padded / 4) pixels: enough for the 32 cells plus the kernel's reach.
    private const int PhaseLength = (Padded + 3) / 4;

    /// <summary>The kernels' weights as [scale][tap][orientation], so that one tap's six weights are adjacent.</summary>
    private static readonly float[] InterleavedWeights = Interleave(GaborBank.Kernels);

    /// <summary>Codes a normalized ROI (<see cref="CodeLayout.RoiSize"/> squared floats) into <see cref="CodeLayout.Words"/> words.</summary>
    public static uint[] Encode(float[] roi, bool useVectors = true) => Encode(roi, [(0, 0)], useVectors)[0];

    /// <summary>
    /// Codes a normalized ROI once per grid offset: with offset (x, y) every cell sits x pixels right
    /// and y pixels down of where <see cref="Encode(float[], bool)"/> puts it.
    /// </summary>
    /// <param name="roi">The normalized ROI.</param>
    /// <param name="offsets">Grid offsets, each in [-<see cref="CodeLayout.FirstCell"/>, 1] on both axes.</param>
    /// <param name="useVectors">False forces the scalar filter, for tests.</param>
    public static uint[][] Encode(float[] roi, ReadOnlySpan<(int X, int Y)> offsets, bool useVectors = true)
    {
        var phases = ArrayPool<float>.Shared.Rent(Padded * 4 * PhaseLength);
        try
        {
            SplitPhases(roi, phases);
            var codes = new uint[offsets.Length][];
            for (var i = 0; i < offsets.Length; i++)
            {
                var (x, y) = offsets[i];
                if (x < -CodeLayout.FirstCell || x > 1 || y < -CodeLayout.FirstCell || y > 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(offsets), $"Grid offset ({x}, {y}) reaches outside the padded ROI.");
                }

                codes[i] = Quantize(Filter(phases, CodeLayout.FirstCell + x, CodeLayout.FirstCell + y, useVectors));
            }

            return codes;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(phases);
        }
    }

    /// <summary>
    /// Filter responses at every cell: [kernel][cellRow * Grid + cellColumn].
    /// </summary>
    public static float[][] Responses(float[] roi, bool useVectors = true)
    {
        var phases = ArrayPool<float>.Shared.Rent(Padded * 4 * PhaseLength);
        try
        {
            SplitPhases(roi, phases);
            return Filter(phases, CodeLayout.FirstCell, CodeLayout.FirstCell, useVectors);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(phases);
        }
    }

    // firstX and firstY place the first cell, in ROI pixels: cell (i, j) sits at (firstX + 4i, firstY + 4j).
    private static float[][] Filter(float[] phases, int firstX, int firstY, bool useVectors)
    {
        var responses = new float[GaborBank.Kernels.Length][];
        for (var k = 0; k < responses.Length; k++)
        {
            responses[k] = new float[CodeLayout.Grid * CodeLayout.Grid];
        }

        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            var first = scale * CodeLayout.Orientations;
            for (var cellRow = 0; cellRow < CodeLayout.Grid; cellRow++)
            {
                if (useVectors && Vector512.IsHardwareAccelerated)
                {
                    FilterRow512(phases, firstX, firstY, cellRow, first, responses);
                }
                else
                {
                    FilterRowScalar(phases, firstX, firstY, cellRow, first, responses);
                }
            }
        }

        return responses;
    }

    /// <summary>
    /// Mirror-pads the ROI by half a kernel and splits each padded row into its four phases:
    /// phases[(row * 4 + phase) * PhaseLength + k] = padded[row][4k + phase].
    /// </summary>
    private static void SplitPhases(float[] roi, float[] phases)
    {
        const int Size = CodeLayout.RoiSize;
        for (var y = 0; y < Padded; y++)
        {
            var sourceRow = RoiSampler.Mirror(y - Half, Size) * Size;
            for (var x = 0; x < Padded; x++)
            {
                phases[(((y * 4) + (x & 3)) * PhaseLength) + (x >> 2)] = roi[sourceRow + RoiSampler.Mirror(x - Half, Size)];
            }
        }
    }

    // In padded coordinates the cell (column i, row j) sits at (firstX + Half + 4i, firstY + Half + 4j);
    // tap (kx, ky) of a kernel centred there reads padded pixel (firstX + 4i + kx, firstY + 4j + ky).
    // The six orientations of a scale share every pixel load; their twelve sums stay in registers.
    private static void FilterRow512(float[] phases, int firstX, int firstY, int cellRow, int firstKernel, float[][] responses)
    {
        const int Taps = CodeLayout.KernelSize * CodeLayout.KernelSize;
        ref var weights = ref MemoryMarshal.GetArrayDataReference(InterleavedWeights);
        weights = ref Unsafe.Add(ref weights, firstKernel / CodeLayout.Orientations * Taps * CodeLayout.Orientations);
        ref var pixels = ref MemoryMarshal.GetArrayDataReference(phases);
        Vector512<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default;
        Vector512<float> a3 = default, b3 = default, a4 = default, b4 = default, a5 = default, b5 = default;
        for (var ky = 0; ky < CodeLayout.KernelSize; ky++)
        {
            var rowStart = (firstY + (CodeLayout.CellStep * cellRow) + ky) * 4 * PhaseLength;
            for (var kx = 0; kx < CodeLayout.KernelSize; kx++)
            {
                var x = firstX + kx;
                ref var start = ref Unsafe.Add(ref pixels, rowStart + ((x & 3) * PhaseLength) + (x >> 2));
                var low = Vector512.LoadUnsafe(ref start);
                var high = Vector512.LoadUnsafe(ref start, 16);
                ref var w = ref Unsafe.Add(ref weights, ((ky * CodeLayout.KernelSize) + kx) * CodeLayout.Orientations);
                var w0 = Vector512.Create(w);
                a0 = Vector512.FusedMultiplyAdd(low, w0, a0);
                b0 = Vector512.FusedMultiplyAdd(high, w0, b0);
                var w1 = Vector512.Create(Unsafe.Add(ref w, 1));
                a1 = Vector512.FusedMultiplyAdd(low, w1, a1);
                b1 = Vector512.FusedMultiplyAdd(high, w1, b1);
                var w2 = Vector512.Create(Unsafe.Add(ref w, 2));
                a2 = Vector512.FusedMultiplyAdd(low, w2, a2);
                b2 = Vector512.FusedMultiplyAdd(high, w2, b2);
                var w3 = Vector512.Create(Unsafe.Add(ref w, 3));
                a3 = Vector512.FusedMultiplyAdd(low, w3, a3);
                b3 = Vector512.FusedMultiplyAdd(high, w3, b3);
                var w4 = Vector512.Create(Unsafe.Add(ref w, 4));
                a4 = Vector512.FusedMultiplyAdd(low, w4, a4);
                b4 = Vector512.FusedMultiplyAdd(high, w4, b4);
                var w5 = Vector512.Create(Unsafe.Add(ref w, 5));
                a5 = Vector512.FusedMultiplyAdd(low, w5, a5);
                b5 = Vector512.FusedMultiplyAdd(high, w5, b5);
            }
        }

        var offset = cellRow * CodeLayout.Grid;
        Store(responses[firstKernel], offset, a0, b0);
        Store(responses[firstKernel + 1], offset, a1, b1);
        Store(responses[firstKernel + 2], offset, a2, b2);
        Store(responses[firstKernel + 3], offset, a3, b3);
        Store(responses[firstKernel + 4], offset, a4, b4);
        Store(responses[firstKernel + 5], offset, a5, b5);

        static void Store(float[] target, int offset, Vector512<float> low, Vector512<float> high)
        {
            low.CopyTo(target.AsSpan(offset, 16));
            high.CopyTo(target.AsSpan(offset + 16, 16));
        }
    }

    private static void FilterRowScalar(float[] phases, int firstX, int firstY, int cellRow, int firstKernel, float[][] responses)
    {
        var kernels = GaborBank.Kernels;
        for (var o = 0; o < CodeLayout.Orientations; o++)
        {
            var kernel = kernels[firstKernel + o];
            var target = responses[firstKernel + o];
            for (var i = 0; i < CodeLayout.Grid; i++)
            {
                var sum = 0f;
                for (var ky = 0; ky < CodeLayout.KernelSize; ky++)
                {
                    var y = firstY + (CodeLayout.CellStep * cellRow) + ky;
                    for (var kx = 0; kx < CodeLayout.KernelSize; kx++)
                    {
                        var x = firstX + kx;
                        sum = MathF.FusedMultiplyAdd(
                            phases[(((y * 4) + (x & 3)) * PhaseLength) + (x >> 2) + i],
                            kernel[(ky * CodeLayout.KernelSize) + kx],
                            sum);
                    }
                }

                target[(cellRow * CodeLayout.Grid) + i] = sum;
            }
        }
    }

    private static float[] Interleave(float[][] kernels)
    {
        const int Taps = CodeLayout.KernelSize * CodeLayout.KernelSize;
        var weights = new float[kernels.Length * Taps];
        for (var k = 0; k < kernels.Length; k++)
        {
            var scale = k / CodeLayout.Orientations;
            var orientation = k % CodeLayout.Orientations;
            for (var tap = 0; tap < Taps; tap++)
            {
                weights[(((scale * Taps) + tap) * CodeLayout.Orientations) + orientation] = kernels[k][tap];
            }
        }

        return weights;
    }

    /// <summary>
    /// Codes the winning orientation w of each cell and scale in 3 planes: plane p holds 1 where
    /// (w - p) mod 6 is below 3, so the Hamming distance between two codes is their angular distance
    /// in steps of 30 degrees (0 to 3).
    /// </summary>
    private static uint[] Quantize(float[][] responses)
    {
        var code = new uint[CodeLayout.Words];
        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            var first = scale * CodeLayout.Orientations;
            for (var cell = 0; cell < CodeLayout.Grid * CodeLayout.Grid; cell++)
            {
                var winner = 0;
                var lowest = responses[first][cell];
                for (var o = 1; o < CodeLayout.Orientations; o++)
                {
                    if (responses[first + o][cell] < lowest)
                    {
                        lowest = responses[first + o][cell];
                        winner = o;
                    }
                }

                var row = cell / CodeLayout.Grid;
                var bit = 1u << (cell % CodeLayout.Grid);
                for (var p = 0; p < CodeLayout.PlanesPerScale; p++)
                {
                    if ((winner - p + CodeLayout.Orientations) % CodeLayout.Orientations < CodeLayout.PlanesPerScale)
                    {
                        code[(row * CodeLayout.Planes) + (scale * CodeLayout.PlanesPerScale) + p] |= bit;
                    }
                }
            }
        }

        return code;
    }
}
