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

        // Each identification is a hover of three session-2 images of one palm.
        for (var i = 0; i < palms.Count - 1; i++)
        {
            var hover = Directory.GetFiles(palms[i], "s2_*").Order(StringComparer.Ordinal).Take(3).Select(File.ReadAllBytes).ToArray();
            var answer = await (await tenant.IdentifyAsync(hover)).ReadAsync<IdentifyResponse>();
            Assert.True(answer.Recognized, $"{palms[i]} session 2 was not recognized");
            Assert.Equal(customers[i], answer.CustomerId);
        }

        // The last palm was never enrolled.
        var stranger = Directory.GetFiles(palms[^1], "s2_*").Order(StringComparer.Ordinal).Take(3).Select(File.ReadAllBytes).ToArray();
        var unknown = await (await tenant.IdentifyAsync(stranger)).ReadAsync<IdentifyResponse>();
        Assert.False(unknown.Recognized, $"{palms[^1]}, never enrolled, was recognized as {unknown.CustomerId}");
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
            var probe = palms[i];
            var hover = Enumerable.Range(4, 3).Select(n => File.ReadAllBytes(Directory.GetFiles(palms[i], $"*_{n}.bmp").Single())).ToArray();
            var answer = await (await tenant.IdentifyAsync(hover)).ReadAsync<IdentifyResponse>();
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
