using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class SearchPipelineTests
{
    [Fact]
    public void Smallest_keeps_what_a_stable_sort_keeps()
    {
        var random = new Random(11);
        foreach (var length in new[] { 0, 1, 2, 7, 64, 500 })
        {
            foreach (var maxValue in new[] { 0, 3, 40 })
            {
                // Values above maxValue (int.MaxValue among them) are never kept.
                var values = Enumerable.Range(0, length).Select(_ => random.Next(8) == 0 ? int.MaxValue : random.Next(maxValue + 2)).ToArray();
                foreach (var keep in new[] { 0, 1, 5, length / 2, length, length + 3 })
                {
                    var expected = Enumerable.Range(0, length)
                        .Where(i => values[i] <= maxValue)
                        .OrderBy(i => values[i])
                        .ThenBy(i => i)
                        .Take(keep)
                        .Order()
                        .ToList();
                    Assert.Equal(expected, SearchPipeline.Smallest(values, maxValue, keep));
                }
            }
        }
    }
}
