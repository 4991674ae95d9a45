using PalmKey.Server.Apis.Models;

namespace PalmKey.Server.Tests;

/// <summary>
/// Enrollment and identification through the server with real palms: Tongji ROI crops (session 1
/// enrolls, session 2 identifies), and PolyU whole-hand contact scans, which the server localizes.
/// </summary>
public sealed class RealPalmTests
{
    [Fact]
    public async Task Real_palms_enrolled_from_one_session_are_identified_from_the_other()
    {
        var dataset = TestData.RequireDataset("tongji-roi");
        var palms = Directory.GetDirectories(dataset).Order(StringComparer.Ordinal).Take(8).ToList();
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var customers = new List<string>();
        for (var i = 0; i < palms.Count - 1; i++)
        {
            var captures = Directory.GetFiles(palms[i], "s1_*").Order(StringComparer.Ordinal).Take(3).Select(File.ReadAllBytes).ToArray();
            customers.Add(await tenant.EnrollAsync($"+1555010{i:D4}", TestTenant.Palms(("left", captures))));
        }

        for (var i = 0; i < palms.Count - 1; i++)
        {
            foreach (var probe in Directory.GetFiles(palms[i], "s2_*").Order(StringComparer.Ordinal).Take(2))
            {
                var answer = await (await tenant.IdentifyAsync(await File.ReadAllBytesAsync(probe, TestContext.Current.CancellationToken))).ReadAsync<IdentifyResponse>();
                Assert.True(answer.Recognized, $"{probe} was not recognized");
                Assert.Equal(customers[i], answer.CustomerId);
            }
        }

        // The last palm was never enrolled.
        foreach (var probe in Directory.GetFiles(palms[^1], "s2_*").Order(StringComparer.Ordinal).Take(3))
        {
            var answer = await (await tenant.IdentifyAsync(await File.ReadAllBytesAsync(probe, TestContext.Current.CancellationToken))).ReadAsync<IdentifyResponse>();
            Assert.False(answer.Recognized, $"{probe} of a palm never enrolled was recognized as {answer.CustomerId}");
        }
    }

    [Fact]
    public async Task Whole_hand_frames_are_localized_enrolled_and_identified()
    {
        var dataset = TestData.RequireDataset("polyu-palm");
        var palms = Directory.GetDirectories(dataset).Order(StringComparer.Ordinal).Take(4).ToList();
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var customers = new List<string>();
        for (var i = 0; i < palms.Count - 1; i++)
        {
            var captures = Enumerable.Range(1, 3).Select(n => File.ReadAllBytes(Directory.GetFiles(palms[i], $"*_{n}.bmp").Single())).ToArray();
            customers.Add(await tenant.EnrollAsync($"+1555020{i:D4}", TestTenant.Palms(("right", captures))));
        }

        for (var i = 0; i < palms.Count; i++)
        {
            var probe = Directory.GetFiles(palms[i], "*_5.bmp").Single();
            var answer = await (await tenant.IdentifyAsync(await File.ReadAllBytesAsync(probe, TestContext.Current.CancellationToken))).ReadAsync<IdentifyResponse>();
            if (i < palms.Count - 1)
            {
                Assert.True(answer.Recognized, $"{probe} was not recognized");
                Assert.Equal(customers[i], answer.CustomerId);
            }
            else
            {
                Assert.False(answer.Recognized, $"{probe} of a palm never enrolled was recognized as {answer.CustomerId}");
            }
        }
    }
}
