using System.Net;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task A_retried_enrollment_gets_the_same_answer_and_enrolls_once()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var enrollmentId = await tenant.VerifiedEnrollmentAsync("+15550100001");
        var palms = TestTenant.Palms(("left", SyntheticPalm.Captures(1)));
        var path = $"/v1/enrollments/{enrollmentId}/palms";

        var first = await tenant.Device.SendPostAsync(path, palms, "enroll-7f3a");
        var retry = await tenant.Device.SendPostAsync(path, palms, "enroll-7f3a");
        var otherBody = await tenant.Device.SendPostAsync(path, TestTenant.Palms(("right", SyntheticPalm.Captures(2))), "enroll-7f3a");

        var enrolled = await first.ReadAsync<EnrolledResponse>(HttpStatusCode.Created);
        Assert.Equal(enrolled, await retry.ReadAsync<EnrolledResponse>(HttpStatusCode.Created) with { Palms = enrolled.Palms });
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("true", retry.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        await otherBody.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.IdempotencyKeyReused);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        Assert.Single(await db.Customers.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Single(await db.Palms.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_retried_start_sends_one_code_and_returns_the_same_enrollment()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var request = new StartEnrollmentRequest(new ConsentRequest(await tenant.DisclosureVersionAsync(), true), "+15550100001");

        var first = await (await tenant.Device.SendPostAsync("/v1/enrollments", request, "start-1")).ReadAsync<EnrollmentResponse>(HttpStatusCode.Created);
        var retry = await tenant.Device.SendPostAsync("/v1/enrollments", request, "start-1");

        Assert.Equal(first, await retry.ReadAsync<EnrollmentResponse>(HttpStatusCode.Created));
        Assert.Equal($"/v1/enrollments/{first.EnrollmentId}", retry.Headers.Location?.ToString());
        Assert.Single(await (await tenant.Admin.SendGetAsync("/v1/admin/sms-outbox")).ReadAsync<List<OutboxMessage>>());
    }

    [Fact]
    public async Task A_failed_command_is_not_kept_so_a_corrected_one_can_reuse_the_key()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var invalid = await tenant.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest(""), "site-1");
        var corrected = await tenant.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Harbour"), "site-1");
        var replay = await tenant.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Harbour"), "site-1");

        await invalid.ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
        var site = await corrected.ReadAsync<SiteResponse>(HttpStatusCode.Created);
        Assert.Equal(site, await replay.ReadAsync<SiteResponse>(HttpStatusCode.Created));
        var sites = await (await tenant.Admin.SendGetAsync("/v1/admin/sites")).ReadAsync<List<SiteResponse>>();
        Assert.Equal(2, sites.Count);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller_and_must_be_well_formed()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var a = await TestTenant.CreateAsync(factory, "A");
        using var b = await TestTenant.CreateAsync(factory, "B");

        var first = await (await a.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Dock"), "same-key")).ReadAsync<SiteResponse>(HttpStatusCode.Created);
        var other = await (await b.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Dock"), "same-key")).ReadAsync<SiteResponse>(HttpStatusCode.Created);
        var bad = await a.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Dock"), new string('k', 201));

        Assert.NotEqual(first.SiteId, other.SiteId);
        await bad.ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidIdempotencyKey);
    }
}
