using System.Net;
using System.Security.Cryptography;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Tests;

public sealed class DeviceActivationTests
{
    [Fact]
    public async Task An_activation_code_expires_after_a_day()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var registered = await (await tenant.Admin.SendPostAsync("/v1/admin/devices", new DeviceRequest("Late", tenant.SiteId))).ReadAsync<DeviceRegisteredResponse>(HttpStatusCode.Created);

        factory.Clock.Advance(TimeSpan.FromHours(25));
        var late = await Activate(factory, registered.ActivationCode);

        Assert.Equal(PalmKeyServerFactory.Start.AddHours(24), registered.ActivationCodeExpiresAt);
        await late.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.ActivationCodeExpired);
    }

    [Fact]
    public async Task A_new_code_moves_the_device_to_a_new_key_and_the_old_key_stops_working()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var reissued = await (await tenant.Admin.SendPostAsync($"/v1/admin/devices/{tenant.DeviceId}/activation-code", null)).ReadAsync<DeviceRegisteredResponse>();

        var stillOld = await tenant.Device.SendGetAsync("/v1/enrollments/disclosure");
        var replacement = await factory.ActivateAsync(reissued.ActivationCode);
        using var newDevice = factory.DeviceClient(replacement);
        var withNew = await newDevice.SendGetAsync("/v1/enrollments/disclosure");
        var withOld = await tenant.Device.SendGetAsync("/v1/enrollments/disclosure");

        Assert.Equal(tenant.DeviceId, replacement.DeviceId);
        Assert.Equal(HttpStatusCode.OK, stillOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        await withOld.ProblemAsync(HttpStatusCode.Unauthorized, Problems.DeviceSignatureInvalid);
    }

    [Fact]
    public async Task A_deactivated_device_gets_no_new_code_and_its_pending_code_dies_with_it()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var pending = await (await tenant.Admin.SendPostAsync("/v1/admin/devices", new DeviceRequest("Spare", tenant.SiteId))).ReadAsync<DeviceRegisteredResponse>(HttpStatusCode.Created);

        await (await tenant.Admin.SendPostAsync($"/v1/admin/devices/{pending.Device.DeviceId}/deactivate", null)).ReadAsync<DeviceResponse>();
        var code = await tenant.Admin.SendPostAsync($"/v1/admin/devices/{pending.Device.DeviceId}/activation-code", null);
        var activation = await Activate(factory, pending.ActivationCode);
        var list = await (await tenant.Admin.SendGetAsync("/v1/admin/devices")).ReadAsync<List<DeviceResponse>>();

        await code.ProblemAsync(HttpStatusCode.Conflict, Problems.DeviceDeactivatedConflict);
        await activation.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.ActivationCodeInvalid);
        var active = list.Single(d => d.DeviceId == tenant.DeviceId);
        Assert.Equal(PalmKeyServerFactory.Start, active.ActivatedAt);
        Assert.NotNull(active.LastSeenAt);
        Assert.Null(list.Single(d => d.DeviceId == pending.Device.DeviceId).ActivatedAt);
    }

    [Fact]
    public async Task A_key_that_is_not_p256_is_refused()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var registered = await (await tenant.Admin.SendPostAsync("/v1/admin/devices", new DeviceRequest("P-384", tenant.SiteId))).ReadAsync<DeviceRegisteredResponse>(HttpStatusCode.Created);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var anonymous = factory.CreateClient();

        var refused = await anonymous.SendPostAsync("/v1/devices/activate", new ActivateDeviceRequest(registered.ActivationCode, p384.ExportSubjectPublicKeyInfo()));

        await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.InvalidPublicKey);
    }

    private static async Task<HttpResponseMessage> Activate(PalmKeyServerFactory factory, string code)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var anonymous = factory.CreateClient();
        return await anonymous.SendPostAsync("/v1/devices/activate", new ActivateDeviceRequest(code, key.ExportSubjectPublicKeyInfo()));
    }
}
