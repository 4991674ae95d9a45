using PalmKey.Server.Apis.Models;

namespace PalmKey.Server.Tests;

/// <summary>Enrollment and identification through the server with real palms: Tongji session 1 enrolls, session 2 identifies.</summary>
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
}
