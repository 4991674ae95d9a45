using System.Net;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;

namespace PalmKey.Server.Tests;

public sealed class EnrollmentTests
{
    [Fact]
    public async Task An_enrolled_palm_is_identified_and_another_palm_is_not()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        var genuine = await tenant.IdentifyPalmAsync(1);
        var impostor = await tenant.IdentifyPalmAsync(2);

        Assert.True(EntityIds.IsValid(customerId, "cus"), customerId);
        Assert.True(genuine.Recognized);
        Assert.Equal(customerId, genuine.CustomerId);
        Assert.True(genuine.Score > 30, $"score {genuine.Score}");
        Assert.False(impostor.Recognized);
        Assert.Null(impostor.CustomerId);
        Assert.Null(impostor.Score);
    }

    [Fact]
    public async Task Both_palms_can_be_enrolled_and_each_identifies_the_customer()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var customerId = await tenant.EnrollAsync("+15550100001", TestTenant.Palms(("left", SyntheticPalm.Captures(10)), ("right", SyntheticPalm.Captures(11))));

        Assert.Equal(customerId, (await tenant.IdentifyPalmAsync(10)).CustomerId);
        Assert.Equal(customerId, (await tenant.IdentifyPalmAsync(11)).CustomerId);
    }

    [Fact]
    public async Task Enrollment_without_consent_fails_and_stores_and_sends_nothing()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var version = await tenant.DisclosureVersionAsync();

        var noConsent = await tenant.Device.SendPostAsync("/v1/enrollments", new StartEnrollmentRequest(null, "+15550100001"));
        var declined = await tenant.Device.SendPostAsync("/v1/enrollments", new StartEnrollmentRequest(new ConsentRequest(version, false), "+15550100001"));
        var outdated = await tenant.Device.SendPostAsync("/v1/enrollments", new StartEnrollmentRequest(new ConsentRequest("2020-01.deadbeef", true), "+15550100001"));

        await noConsent.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.ConsentRequired);
        await declined.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.ConsentRequired);
        var problem = await outdated.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.DisclosureOutdated);
        Assert.Equal(version, problem.GetProperty("currentVersion").GetString());
        Assert.Empty(await (await tenant.Admin.SendGetAsync("/v1/admin/sms-outbox")).ReadAsync<List<OutboxMessage>>());
        await using var db = factory.Service<Infrastructure.PalmKeyDbFactory>().CreateSystem();
        Assert.Empty(await db.EnrollmentSessions.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await db.Customers.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_disclosure_states_purposes_retention_deletion_no_advertising_and_no_face_recognition()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory, "Acme Market");

        var disclosure = await (await tenant.Device.SendGetAsync("/v1/enrollments/disclosure")).ReadAsync<DisclosureResponse>();

        Assert.Contains("checkout, entry, loyalty, badge at Acme Market", disclosure.Text, StringComparison.Ordinal);
        Assert.Contains("never used for advertising", disclosure.Text, StringComparison.Ordinal);
        Assert.Contains("never combined or linked with face recognition", disclosure.Text, StringComparison.Ordinal);
        Assert.Contains("730 days", disclosure.Text, StringComparison.Ordinal);
        Assert.Contains("1095 days", disclosure.Text, StringComparison.Ordinal);
        Assert.Contains("delete your palm data at any time", disclosure.Text, StringComparison.Ordinal);
        Assert.Contains("images themselves are never stored", disclosure.Text, StringComparison.Ordinal);

        // A change of the settings is a new disclosure, which new enrollments must accept.
        await (await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(["entry"], null, null, null))).ReadAsync<SettingsResponse>();
        var changed = await (await tenant.Device.SendGetAsync("/v1/enrollments/disclosure")).ReadAsync<DisclosureResponse>();
        Assert.NotEqual(disclosure.Version, changed.Version);
        var stale = await tenant.Device.SendPostAsync("/v1/enrollments", new StartEnrollmentRequest(new ConsentRequest(disclosure.Version, true), "+15550100001"));
        await stale.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.DisclosureOutdated);
    }

    [Fact]
    public async Task Consent_is_recorded_with_its_time_and_version()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var version = await tenant.DisclosureVersionAsync();

        await tenant.EnrollAsync("+15550100001", palm: 1);
        using var me = await tenant.SignInAsync("+15550100001");
        var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();

        Assert.Equal(version, profile.Consent.DisclosureVersion);
        Assert.Equal(PalmKeyServerFactory.Start, profile.Consent.AcceptedAt);
    }

    [Fact]
    public async Task The_number_must_be_verified_with_the_code_before_palms_are_taken()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var enrollmentId = await tenant.StartEnrollmentAsync("+15550100001");
        var code = await tenant.LastCodeAsync("+15550100001");
        var wrong = code == "000000" ? "111111" : "000000";

        var early = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", TestTenant.Palms(("left", SyntheticPalm.Captures(1))));
        var wrongCode = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/verification", new VerifyEnrollmentRequest(wrong));
        var rightCode = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/verification", new VerifyEnrollmentRequest(code));

        await early.ProblemAsync(HttpStatusCode.Conflict, Problems.EnrollmentNotVerified);
        var problem = await wrongCode.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CodeInvalid);
        Assert.Equal(4, problem.GetProperty("attemptsLeft").GetInt32());
        Assert.Equal("verified", (await rightCode.ReadAsync<EnrollmentResponse>()).Status);
    }

    [Fact]
    public async Task A_code_stops_working_after_too_many_wrong_tries_and_after_it_expires()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var locked = await tenant.StartEnrollmentAsync("+15550100001");
        var lockedCode = await tenant.LastCodeAsync("+15550100001");
        for (var i = 0; i < 5; i++)
        {
            await (await tenant.Device.SendPostAsync($"/v1/enrollments/{locked}/verification", new VerifyEnrollmentRequest(lockedCode == "000000" ? "111111" : "000000")))
                .ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CodeInvalid);
        }

        var afterLock = await tenant.Device.SendPostAsync($"/v1/enrollments/{locked}/verification", new VerifyEnrollmentRequest(lockedCode));
        await afterLock.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CodeExpired);

        var late = await tenant.StartEnrollmentAsync("+15550100002");
        var lateCode = await tenant.LastCodeAsync("+15550100002");
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var afterExpiry = await tenant.Device.SendPostAsync($"/v1/enrollments/{late}/verification", new VerifyEnrollmentRequest(lateCode));
        await afterExpiry.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CodeExpired);
    }

    [Theory]
    [InlineData("5550100001")]
    [InlineData("call me")]
    [InlineData("")]
    public async Task A_number_that_is_not_international_is_refused(string phone)
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var response = await tenant.Device.SendPostAsync("/v1/enrollments", new StartEnrollmentRequest(new ConsentRequest(await tenant.DisclosureVersionAsync(), true), phone));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.InvalidPhone);
    }

    [Fact]
    public async Task Captures_that_do_not_agree_are_refused()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var enrollmentId = await tenant.VerifiedEnrollmentAsync("+15550100001");
        byte[][] mixed = [SyntheticPalm.Png(1, 0), SyntheticPalm.Png(1, 1), SyntheticPalm.Png(2, 0)];

        var response = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", TestTenant.Palms(("left", mixed)));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CapturesDisagree);
        Assert.Equal("left", problem.GetProperty("hand").GetString());
        Assert.True(problem.GetProperty("lowestScore").GetDouble() < 17.5);
    }

    [Fact]
    public async Task The_same_palm_given_as_both_hands_is_refused()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var enrollmentId = await tenant.VerifiedEnrollmentAsync("+15550100001");

        var response = await tenant.Device.SendPostAsync(
            $"/v1/enrollments/{enrollmentId}/palms",
            TestTenant.Palms(("left", SyntheticPalm.Captures(1)), ("right", [SyntheticPalm.Png(1, 4), SyntheticPalm.Png(1, 5), SyntheticPalm.Png(1, 6)])));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.SamePalmTwice);
    }

    [Fact]
    public async Task A_palm_already_enrolled_under_another_number_is_refused_without_naming_the_account()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var first = await tenant.EnrollAsync("+15550100001", palm: 1);
        var enrollmentId = await tenant.VerifiedEnrollmentAsync("+15550100002");

        var response = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", TestTenant.Palms(("right", [SyntheticPalm.Png(1, 3), SyntheticPalm.Png(1, 4), SyntheticPalm.Png(1, 5)])));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, Problems.DuplicatePalm);
        Assert.DoesNotContain(first, problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("0100001", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_already_enrolled_is_refused()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync("+15550100001", palm: 1);
        var enrollmentId = await tenant.VerifiedEnrollmentAsync("+1 555 010 0001");

        var response = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", TestTenant.Palms(("left", SyntheticPalm.Captures(2))));

        await response.ProblemAsync(HttpStatusCode.Conflict, Problems.AlreadyEnrolled);
    }

    [Fact]
    public async Task A_customer_who_deleted_their_palm_can_enroll_again_under_the_same_account()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        using (var me = await tenant.SignInAsync("+15550100001"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await me.SendDeleteAsync("/v1/me/palms")).StatusCode);
        }

        var again = await tenant.EnrollAsync("+15550100001", palm: 1);

        Assert.Equal(customerId, again);
        Assert.Equal(customerId, (await tenant.IdentifyPalmAsync(1)).CustomerId);
    }

    [Fact]
    public async Task Enrollment_needs_one_or_two_hands_with_at_least_three_captures_each()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var enrollmentId = await tenant.VerifiedEnrollmentAsync("+15550100001");
        var path = $"/v1/enrollments/{enrollmentId}/palms";

        await (await tenant.Device.SendPostAsync(path, TestTenant.Palms(("left", SyntheticPalm.Captures(1, 2))))).ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
        await (await tenant.Device.SendPostAsync(path, TestTenant.Palms(("middle", SyntheticPalm.Captures(1))))).ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
        await (await tenant.Device.SendPostAsync(path, TestTenant.Palms(("left", SyntheticPalm.Captures(1)), ("left", SyntheticPalm.Captures(2))))).ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
        await (await tenant.Device.SendPostAsync(path, new CompleteEnrollmentRequest([]))).ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
    }

    [Fact]
    public async Task An_enrollment_belongs_to_the_device_that_started_it()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var enrollmentId = await tenant.VerifiedEnrollmentAsync("+15550100001");
        var other = await (await tenant.Admin.SendPostAsync("/v1/admin/devices", new DeviceRequest("Kiosk 2", tenant.SiteId))).ReadAsync<DeviceRegisteredResponse>(HttpStatusCode.Created);
        using var otherDevice = factory.DeviceClient(await factory.ActivateAsync(other.ActivationCode));

        var response = await otherDevice.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", TestTenant.Palms(("left", SyntheticPalm.Captures(1))));

        await response.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }
}
