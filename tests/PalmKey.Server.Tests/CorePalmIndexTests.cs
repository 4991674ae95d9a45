using PalmKey.Server.Index;

namespace PalmKey.Server.Tests;

/// <summary>
/// The tenant index over PalmKey.Core's PalmIndex: palms kept in step by customer, and the open-set
/// answer counted per customer, so that a person whose two hands both match is still one answer.
/// </summary>
public sealed class CorePalmIndexTests
{
    private static readonly PalmTemplate[][] Captures = [.. Enumerable.Range(1, 4).Select(palm => Enumerable.Range(0, 3).Select(c => PalmExtractor.Extract(SyntheticPalm.Create(palm, c))).ToArray())];

    [Fact]
    public void Identifies_an_enrolled_palm_and_forgets_a_removed_customer()
    {
        var index = new CorePalmIndex();
        index.Add([new IndexedPalm("palm_a", "cus_a", Captures[0]), new IndexedPalm("palm_b", "cus_b", Captures[1])]);
        var probe = new[] { PalmExtractor.ExtractProbe(SyntheticPalm.Create(1, 5)) };

        var before = index.Identify(probe, 1e-3);
        var removed = index.RemoveCustomer("cus_a");
        var after = index.Identify(probe, 1e-3);

        Assert.Equal(("cus_a", "palm_a"), (before.Match?.CustomerId, before.Match?.PalmId));
        Assert.Equal(1, removed);
        Assert.False(index.Contains("cus_a"));
        Assert.True(index.Contains("cus_b"));
        Assert.Null(after.Match);
        Assert.Equal((1, 3), (index.PalmCount, index.TemplateCount));
    }

    [Fact]
    public void Adding_a_palm_id_again_replaces_its_captures()
    {
        var index = new CorePalmIndex();
        index.Add([new IndexedPalm("palm_a", "cus_a", Captures[0])]);
        index.Add([new IndexedPalm("palm_a", "cus_a", Captures[2])]);

        Assert.Equal((1, 3), (index.PalmCount, index.TemplateCount));
        Assert.Null(index.Identify([PalmExtractor.ExtractProbe(SyntheticPalm.Create(1, 5))], 1e-3).Match);
        Assert.Equal("palm_a", index.Identify([PalmExtractor.ExtractProbe(SyntheticPalm.Create(3, 5))], 1e-3).Match?.PalmId);
    }

    [Fact]
    public void Two_palms_of_one_customer_above_the_threshold_are_a_match_and_of_two_customers_ambiguous()
    {
        // The same drawn palm enrolled twice stands for two palms that both score above the threshold.
        var probe = new[] { PalmExtractor.ExtractProbe(SyntheticPalm.Create(1, 5)) };
        var oneCustomer = new CorePalmIndex();
        oneCustomer.Add([new IndexedPalm("palm_l", "cus_a", Captures[0]), new IndexedPalm("palm_r", "cus_a", Captures[0]), new IndexedPalm("palm_x", "cus_x", Captures[3])]);
        var twoCustomers = new CorePalmIndex();
        twoCustomers.Add([new IndexedPalm("palm_l", "cus_a", Captures[0]), new IndexedPalm("palm_r", "cus_b", Captures[0]), new IndexedPalm("palm_x", "cus_x", Captures[3])]);

        var one = oneCustomer.Identify(probe, 1e-3);
        var two = twoCustomers.Identify(probe, 1e-3);

        Assert.Equal("cus_a", one.Match?.CustomerId);
        Assert.True(two.Ambiguous);
        Assert.Null(two.Match);
        Assert.True(two.Best!.Value.Score > two.Threshold);
    }

    [Fact]
    public void Refuses_a_palm_without_captures()
    {
        var index = new CorePalmIndex();
        Assert.Throws<ArgumentException>(() => index.Add([new IndexedPalm("palm_a", "cus_a", [])]));
        Assert.Equal(0, index.PalmCount);
    }
}
