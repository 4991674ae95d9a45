using System.Globalization;
using System.Net;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Tests;

/// <summary>The console's time series: per day, per tenant, with the latency measured in memory.</summary>
public sealed class StatsTests
{
    [Fact]
    public async Task Stats_count_a_tenants_own_enrollments_and_identifications_per_day()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var alpha = await TestTenant.CreateAsync(factory, "Alpha");
        using var bravo = await TestTenant.CreateAsync(factory, "Bravo");
        await alpha.EnrollAsync("+15550100001", palm: 1);
        Assert.True((await alpha.IdentifyPalmAsync(1)).Recognized);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.False((await alpha.IdentifyPalmAsync(2)).Recognized);
        Assert.False((await alpha.IdentifyPalmAsync(3, "entry")).Recognized);
        await bravo.EnrollAsync("+15550100002", palm: 4);
        Assert.True((await bravo.IdentifyPalmAsync(4)).Recognized);

        var stats = await (await alpha.Admin.SendGetAsync("/v1/admin/stats?days=3")).ReadAsync<StatsResponse>();

        var day = PalmKeyServerFactory.Start.UtcDateTime.Date;
        Assert.Equal([day.AddDays(-1), day, day.AddDays(1)], stats.Days.Select(d => DateTime.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.Equal([0, 1, 0], stats.Days.Select(d => d.Enrollments));
        Assert.Equal("checkout", Assert.Single(stats.Days[1].Identifications).Purpose);
        Assert.Equal(1, stats.Days[1].Identifications[0].Recognized);
        Assert.Equal([("checkout", 0, 1), ("entry", 0, 1)], stats.Days[2].Identifications.Select(p => (p.Purpose, p.Recognized, p.NotRecognized)));

        // The charts come rendered from the server: one bar per day and result, with its count.
        var enrollmentsChart = System.Xml.Linq.XDocument.Parse(stats.EnrollmentsChart);
        var bars = enrollmentsChart.Descendants().Where(e => e.Name.LocalName == "rect").ToList();
        Assert.Equal((stats.Days[1].Date, "1"), (Assert.Single(bars).Attribute("data-day")!.Value, bars[0].Attribute("data-count")!.Value));
        var identificationBars = System.Xml.Linq.XDocument.Parse(stats.IdentificationsChart).Descendants().Where(e => e.Name.LocalName == "rect")
            .Select(e => (e.Attribute("data-day")!.Value, e.Attribute("data-count")!.Value, e.Value)).ToList();
        Assert.Equal(
            [(stats.Days[1].Date, "1", $"{stats.Days[1].Date}: 1 recognized"), (stats.Days[2].Date, "2", $"{stats.Days[2].Date}: 2 not recognized")],
            identificationBars);

        Assert.Equal(3, stats.Latency.Count);
        Assert.True(stats.Latency.MedianMs > 0 && stats.Latency.MedianMs <= stats.Latency.P95Ms && stats.Latency.P95Ms <= stats.Latency.MaxMs, $"latency {stats.Latency}");

        await (await alpha.Admin.SendGetAsync("/v1/admin/stats?days=91")).ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
    }
}
