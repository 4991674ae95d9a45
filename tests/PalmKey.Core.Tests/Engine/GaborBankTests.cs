using PalmKey.Engine;

namespace PalmKey.Tests.Engine;

public sealed class GaborBankTests
{
    [Fact]
    public void Has_one_zero_mean_unit_energy_kernel_per_scale_and_orientation()
    {
        Assert.Equal(CodeLayout.Scales * CodeLayout.Orientations, GaborBank.Kernels.Length);
        foreach (var kernel in GaborBank.Kernels)
        {
            Assert.Equal(CodeLayout.KernelSize * CodeLayout.KernelSize, kernel.Length);
            Assert.InRange(kernel.Sum(w => (double)w), -1e-5, 1e-5);
            Assert.InRange(kernel.Sum(w => (double)w * w), 1 - 1e-5, 1 + 1e-5);
        }
    }

    [Fact]
    public void Turning_a_kernel_by_90_degrees_gives_the_kernel_three_orientations_on()
    {
        // Orientations are 30 degrees apart, so orientation o + 3 is orientation o turned a quarter.
        const int Size = CodeLayout.KernelSize;
        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            for (var o = 0; o < 3; o++)
            {
                var kernel = GaborBank.Kernels[(scale * CodeLayout.Orientations) + o];
                var turned = GaborBank.Kernels[(scale * CodeLayout.Orientations) + o + 3];
                for (var y = 0; y < Size; y++)
                {
                    for (var x = 0; x < Size; x++)
                    {
                        // (dx, dy) turned by 90 degrees is (-dy, dx).
                        Assert.Equal(kernel[(y * Size) + x], turned[(x * Size) + (Size - 1 - y)], 1e-5f);
                    }
                }
            }
        }
    }
}
