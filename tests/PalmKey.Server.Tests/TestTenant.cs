using System.Net;
using System.Text.RegularExpressions;
using PalmKey.Server.Apis.Models;

namespace PalmKey.Server.Tests;

/// <summary>A tenant made through the API: its admin key, a site, a device, and helpers for the flows.</summary>
internal sealed partial class TestTenant : IDisposable
{
    private readonly PalmKeyServerFactory _factory;

    private int _hovers;

    private TestTenant(PalmKeyServerFactory factory, string tenantId, string adminKey, string siteId, DeviceIdentity device)
    {
        _factory = factory;
        TenantId = tenantId;
        AdminKey = adminKey;
        SiteId = siteId;
        DeviceId = device.DeviceId;
        DeviceIdentity = device;
        Admin = factory.ClientWith(adminKey);
        Device = factory.DeviceClient(device);
    }

    public string TenantId { get; }

    public string AdminKey { get; }

    public string SiteId { get; }

    public string DeviceId { get; }

    /// <summary>The device's credential: its key pair and ids. Requests through <see cref="Device"/> are signed with it, and their bodies sealed.</summary>
    public DeviceIdentity DeviceIdentity { get; }

    public HttpClient Admin { get; }

    public HttpClient Device { get; }

    public static async Task<TestTenant> CreateAsync(PalmKeyServerFactory factory, string name = "Corner Shop")
    {
        using var operatorClient = factory.ClientWith(PalmKeyServerFactory.OperatorKey);
        var tenant = await (await operatorClient.SendPostAsync("/v1/operator/tenants", new CreateTenantRequest(name))).ReadAsync<TenantCreatedResponse>(HttpStatusCode.Created);
        using var admin = factory.ClientWith(tenant.AdminKey);
        var site = await (await admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Main Street"))).ReadAsync<SiteResponse>(HttpStatusCode.Created);
        var device = await (await admin.SendPostAsync("/v1/admin/devices", new DeviceRequest("Checkout 1", site.SiteId))).ReadAsync<DeviceRegisteredResponse>(HttpStatusCode.Created);
        return new TestTenant(factory, tenant.TenantId, tenant.AdminKey, site.SiteId, await factory.ActivateAsync(device.ActivationCode));
    }

    public async Task<string> DisclosureVersionAsync() =>
        (await (await Device.SendGetAsync("/v1/enrollments/disclosure")).ReadAsync<DisclosureResponse>()).Version;

    /// <summary>Consent and number; returns the enrollment id.</summary>
    public async Task<string> StartEnrollmentAsync(string phone) =>
        (await (await Device.SendPostAsync("/v1/enrollments", new StartEnrollmentRequest(new ConsentRequest(await DisclosureVersionAsync(), true), phone)))
            .ReadAsync<EnrollmentResponse>(HttpStatusCode.Created)).EnrollmentId;

    /// <summary>The last code the outbox holds for a number, read through the admin console endpoint.</summary>
    public async Task<string> LastCodeAsync(string phone)
    {
        var messages = await (await Admin.SendGetAsync("/v1/admin/sms-outbox")).ReadAsync<List<OutboxMessage>>();
        Assert.True(Storage.PhoneNumbers.TryNormalize(phone, out var e164));
        var message = messages.Last(m => m.To == e164);
        return CodePattern().Match(message.Body).Value;
    }

    /// <summary>Consent, number and code; returns the verified enrollment id.</summary>
    public async Task<string> VerifiedEnrollmentAsync(string phone)
    {
        var enrollmentId = await StartEnrollmentAsync(phone);
        var verified = await (await Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/verification", new VerifyEnrollmentRequest(await LastCodeAsync(phone))))
            .ReadAsync<EnrollmentResponse>();
        Assert.Equal("verified", verified.Status);
        return enrollmentId;
    }

    public static CompleteEnrollmentRequest Palms(params (string Hand, byte[][] Frames)[] palms) =>
        new([.. palms.Select(p => new PalmCaptureRequest(p.Hand, p.Frames))]);

    /// <summary>The whole enrollment of one left palm made of synthetic captures; returns the customer id.</summary>
    public Task<string> EnrollAsync(string phone, int palm) => EnrollAsync(phone, Palms(("left", SyntheticPalm.Captures(palm))));

    public async Task<string> EnrollAsync(string phone, CompleteEnrollmentRequest palms)
    {
        var enrollmentId = await VerifiedEnrollmentAsync(phone);
        var enrolled = await (await Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", palms)).ReadAsync<EnrolledResponse>(HttpStatusCode.Created);
        return enrolled.CustomerId;
    }

    /// <summary>Identifies with the frames of one hover gesture.</summary>
    public Task<HttpResponseMessage> IdentifyAsync(byte[][] frames, string purpose = "checkout", string? siteId = null) =>
        Device.SendPostAsync("/v1/identify", new IdentifyRequest(frames, purpose, siteId));

    /// <summary>A fresh hover of a synthetic palm: captures no earlier call of this tenant used, nor enrollment.</summary>
    public byte[][] Hover(int palm) => SyntheticPalm.Hover(palm, Interlocked.Increment(ref _hovers) + (TenantId.GetHashCode(StringComparison.Ordinal) & 0xFFFF) * 1000);

    /// <summary>A hover whose first frame is the given one, followed by fresh frames of a synthetic palm; for frames that must be refused.</summary>
    public byte[][] LeadingFrame(byte[] frame) => [frame, .. Hover(1)[..2]];

    /// <summary>Identifies with a fresh hover of a synthetic palm.</summary>
    public Task<HttpResponseMessage> IdentifyPalmAsync(int palm, string purpose, string? siteId) => IdentifyAsync(Hover(palm), purpose, siteId);

    /// <summary>Identifies with a fresh hover of a synthetic palm that enrollment did not use.</summary>
    public async Task<IdentifyResponse> IdentifyPalmAsync(int palm, string purpose = "checkout") =>
        await (await IdentifyAsync(Hover(palm), purpose)).ReadAsync<IdentifyResponse>();

    /// <summary>A hover: three captures of a synthetic palm that enrollment did not use, distinct for each seed.</summary>
    public static byte[][] Hover(int palm, int seed) => [.. Enumerable.Range(0, 3).Select(i => SyntheticPalm.Png(palm, 10 + (seed * 3) + i))];

    /// <summary>Enrolls one left palm with a card given at enrollment; returns the customer id.</summary>
    public async Task<string> EnrollWithCardAsync(string phone, int palm, string cardNumber = "4242424242424242")
    {
        var enrollmentId = await VerifiedEnrollmentAsync(phone);
        await (await Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/card", new CardRequest(cardNumber, 12, 2030, "123"))).ReadAsync<CardView>();
        var enrolled = await (await Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", Palms(("left", SyntheticPalm.Captures(palm)))))
            .ReadAsync<EnrolledResponse>(HttpStatusCode.Created);
        return enrolled.CustomerId;
    }

    public Task<HttpResponseMessage> CheckoutAsync(int palm, int seed, long amountMinor, string orderReference, string? idempotencyKey = null) =>
        Device.SendPostAsync("/v1/checkout", new CheckoutRequest(Hover(palm, seed), amountMinor, "USD", orderReference, null), idempotencyKey);

    /// <summary>Sets the tenant's webhook and ticketing endpoints; returns the new signing secret.</summary>
    public async Task<string> IntegrateAsync(string? webhookUrl, string? ticketingUrl = null) =>
        (await (await Admin.SendPutAsync("/v1/admin/integrations", new IntegrationsRequest(webhookUrl, ticketingUrl, false))).ReadAsync<IntegrationsResponse>()).SigningSecret!;

    /// <summary>Signs a customer in to self-service; returns a client with the session token.</summary>
    public async Task<HttpClient> SignInAsync(string phone)
    {
        using var anonymous = _factory.CreateClient();
        var sent = await (await anonymous.SendPostAsync("/v1/me/otp", new OtpRequest(TenantId, phone))).ReadAsync<OtpResponse>(HttpStatusCode.Accepted);
        Assert.Equal("sent-if-enrolled", sent.Status);
        var session = await (await anonymous.SendPostAsync("/v1/me/session", new SessionRequest(TenantId, phone, await LastCodeAsync(phone)))).ReadAsync<SessionResponse>();
        return _factory.ClientWith(session.Token);
    }

    public void Dispose()
    {
        Admin.Dispose();
        Device.Dispose();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodePattern();
}
