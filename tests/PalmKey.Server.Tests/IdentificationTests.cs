using System.Net;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Tests;

public sealed class IdentificationTests
{
    [Fact]
    public async Task Every_identification_is_recorded_recognized_ones_in_the_customers_history()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await tenant.IdentifyPalmAsync(1, "checkout");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        await tenant.IdentifyPalmAsync(1, "loyalty");
        await tenant.IdentifyPalmAsync(2, "entry");

        using var me = await tenant.SignInAsync("+15550100001");
        var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();
        Assert.Equal(customerId, profile.CustomerId);
        Assert.Equal(["loyalty", "checkout"], profile.Usage.Select(u => u.Purpose));
        Assert.All(profile.Usage, u => Assert.Equal(tenant.SiteId, u.SiteId));
        Assert.All(profile.Usage, u => Assert.Equal("Main Street", u.SiteName));
        Assert.All(profile.Usage, u => Assert.Equal("recognized", u.Result));
        Assert.Equal(PalmKeyServerFactory.Start.AddHours(2), profile.Usage[0].At);

        await using var db = factory.Service<PalmKeyDbFactory>().CreateForTenant(tenant.TenantId);
        var log = await db.IdentificationAttempts.OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([IdentificationOutcome.Recognized, IdentificationOutcome.Recognized, IdentificationOutcome.NotRecognized], log.Select(a => a.Outcome));
        Assert.Equal(["checkout", "loyalty", "entry"], log.Select(a => a.Purpose));
    }

    [Fact]
    public async Task A_purpose_the_tenant_does_not_accept_is_refused()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await (await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(["entry"], null, null, null))).ReadAsync<SettingsResponse>();

        var refused = await tenant.IdentifyPalmAsync(1, "checkout", null);
        var advertising = await tenant.IdentifyPalmAsync(1, "advertising", null);
        var accepted = await tenant.IdentifyPalmAsync(1, "entry", null);

        await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.PurposeNotAccepted);
        await advertising.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.PurposeNotAccepted);
        Assert.False((await accepted.ReadAsync<IdentifyResponse>()).Recognized);
    }

    [Fact]
    public async Task A_site_must_be_one_of_the_tenants_sites()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        using var other = await TestTenant.CreateAsync(factory, "Other");
        var second = await (await tenant.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Station"))).ReadAsync<SiteResponse>(HttpStatusCode.Created);

        var foreign = await tenant.IdentifyPalmAsync(1, "checkout", other.SiteId);
        var own = await tenant.IdentifyPalmAsync(1, "checkout", second.SiteId);

        await foreign.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.UnknownSite);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Identification_is_rate_limited_per_device()
    {
        var settings = new Dictionary<string, string?> { ["PalmKey:Identification:PermitsPerSecond"] = "1", ["PalmKey:Identification:Burst"] = "2" };
        await using var factory = await new PalmKeyServerFactory(settings: settings).StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var second = await (await tenant.Admin.SendPostAsync("/v1/admin/devices", new DeviceRequest("Checkout 2", tenant.SiteId))).ReadAsync<DeviceRegisteredResponse>(HttpStatusCode.Created);
        using var otherDevice = factory.DeviceClient(await factory.ActivateAsync(second.ActivationCode));

        // Hovers are drawn first, so that the requests follow each other faster than the bucket refills.
        var hovers = Enumerable.Range(0, 6).Select(_ => tenant.Hover(1)).ToList();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await tenant.IdentifyAsync(hovers[i])).StatusCode);
        }

        var limited = await tenant.IdentifyAsync(hovers[4]);
        var otherDeviceAnswer = await otherDevice.SendPostAsync("/v1/identify", new IdentifyRequest(hovers[5], "checkout", null));

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.OK, statuses[1]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests, Problems.RateLimited);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, otherDeviceAnswer.StatusCode);
    }

    [Fact]
    public async Task A_deactivated_device_is_refused_at_once()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var before = await tenant.IdentifyPalmAsync(1, "checkout", null);
        var deactivated = await (await tenant.Admin.SendPostAsync($"/v1/admin/devices/{tenant.DeviceId}/deactivate", null)).ReadAsync<DeviceResponse>();
        var after = await tenant.IdentifyPalmAsync(1, "checkout", null);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.NotNull(deactivated.DeactivatedAt);
        await after.ProblemAsync(HttpStatusCode.Unauthorized, Problems.DeviceDeactivated);
    }

    [Fact]
    public async Task Unusable_frames_are_refused_and_logged_as_rejected()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var garbage = await tenant.IdentifyAsync(tenant.LeadingFrame("not an image at all"u8.ToArray()));
        var blank = await tenant.IdentifyAsync(tenant.LeadingFrame(ImageCodec.EncodePng(new GrayImage(128, 128, Enumerable.Repeat((byte)128, 128 * 128).ToArray()))));
        var report = await (await tenant.Admin.SendGetAsync("/v1/admin/transparency")).ReadAsync<TransparencyReport>();

        await garbage.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.InvalidImage);
        await blank.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.PoorQuality);
        Assert.Equal(2, report.Identifications.Single().Rejected);
    }

    [Fact]
    public async Task A_whole_frame_without_a_hand_is_refused_with_the_localizer_advice()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        // Not square, so the server takes it as a whole-hand frame and looks for the hand.
        var empty = await tenant.IdentifyAsync(tenant.LeadingFrame(ImageCodec.EncodePng(new GrayImage(640, 480, Enumerable.Repeat((byte)40, 640 * 480).ToArray()))));

        var problem = await empty.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.PoorQuality);
        Assert.Equal($"Frame 0: no usable palm (NoHand). {LocalizationResult.MessageOf(CaptureVerdict.NoHand)}", problem.GetProperty("detail").GetString());
    }
}
