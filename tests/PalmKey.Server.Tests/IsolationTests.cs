using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Tests;

/// <summary>
/// Tenant A's credentials against tenant B's data, on every endpoint the application maps: the table
/// below must name each endpoint in the app's EndpointDataSource, so a new endpoint fails this test
/// until its isolation case is written. Each case aims at B's resources with A's key of the role the
/// endpoint needs; then B's data must be unchanged and no response may carry B's data.
/// </summary>
public sealed class IsolationTests
{
    private const string PhoneA = "+15550100001";
    private const string PhoneB = "+15550100002";

    private enum Role
    {
        Anonymous,
        Admin,
        Device,
        Customer,
        Operator,
    }

    [Fact]
    public async Task One_tenants_keys_cannot_read_or_act_on_another_tenants_data_on_any_endpoint()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        var world = await World.CreateAsync(factory);
        var cases = Cases(world);

        var mapped = factory.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText)}"))
            .ToHashSet();
        Assert.Equal(mapped.Order(StringComparer.Ordinal), cases.Select(c => c.Endpoint).Order(StringComparer.Ordinal));

        // Destructive cases on A's own account run last, so every case sees the full picture.
        foreach (var c in cases.OrderBy(c => c.RunLast))
        {
            using var client = world.ClientFor(c.Role);
            using var request = c.Build();
            var sent = request.RequestUri!.ToString() + (request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(c.Allowed.Contains(response.StatusCode), $"{c.Endpoint}: got {(int)response.StatusCode}, expected one of {string.Join(", ", c.Allowed.Select(s => (int)s))}: {body}");
            foreach (var secret in world.SecretsOfB.Where(s => !sent.Contains(s, StringComparison.Ordinal)))
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{c.Endpoint} answered with B's data ({secret}): {body}");
            }
        }

        await world.AssertBIsIntactAsync();
    }

    [Fact]
    public async Task Tenant_keys_cannot_use_operator_endpoints_and_the_operator_sees_no_customer_data()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        var world = await World.CreateAsync(factory);
        using var admin = world.ClientFor(Role.Admin);
        using var device = world.ClientFor(Role.Device);
        using var operatorClient = world.ClientFor(Role.Operator);

        await (await admin.SendGetAsync("/v1/operator/tenants")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        await (await device.SendDeleteAsync($"/v1/operator/tenants/{world.B.TenantId}")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        await (await operatorClient.SendGetAsync("/v1/admin/customers")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        var tenants = await (await operatorClient.SendGetAsync("/v1/operator/tenants")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(world.CustomerB, tenants, StringComparison.Ordinal);
        await world.AssertBIsIntactAsync();
    }

    private static string Normalize(string? pattern) => pattern is null or "/" ? "/" : pattern.TrimEnd('/');

    private static List<Case> Cases(World w)
    {
        var ok = new[] { HttpStatusCode.OK };
        var created = new[] { HttpStatusCode.Created };
        var notFound = new[] { HttpStatusCode.NotFound };
        var forbidden = new[] { HttpStatusCode.Forbidden };
        var enrollment = TestTenant.Palms(("left", SyntheticPalm.Captures(2)));
        using var spare = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var sparePublicKey = spare.ExportSubjectPublicKeyInfo();
        return
        [
            new("GET /health/live", Role.Anonymous, () => Get("/health/live"), ok),
            new("GET /health/ready", Role.Anonymous, () => Get("/health/ready"), ok),
            new("GET /openapi/{documentName}.json", Role.Anonymous, () => Get("/openapi/v1.json"), ok),

            // The operator's endpoints are closed to tenant keys.
            new("POST /v1/operator/tenants", Role.Admin, () => Post("/v1/operator/tenants", new CreateTenantRequest("Sneaky")), forbidden),
            new("GET /v1/operator/tenants", Role.Admin, () => Get("/v1/operator/tenants"), forbidden),
            new("DELETE /v1/operator/tenants/{tenantId}", Role.Admin, () => Delete($"/v1/operator/tenants/{w.B.TenantId}"), forbidden),

            new("GET /v1/admin/settings", Role.Admin, () => Get("/v1/admin/settings"), ok),
            new("PUT /v1/admin/settings", Role.Admin, () => Put("/v1/admin/settings", new SettingsRequest(["entry"], 100, 200, 0.0001)), ok, RunLast: true),
            new("GET /v1/admin/sites", Role.Admin, () => Get("/v1/admin/sites"), ok),
            new("POST /v1/admin/sites", Role.Admin, () => Post("/v1/admin/sites", new SiteRequest("A's second")), created),
            new("GET /v1/admin/sites/{siteId}", Role.Admin, () => Get($"/v1/admin/sites/{w.B.SiteId}"), notFound),
            new("PUT /v1/admin/sites/{siteId}", Role.Admin, () => Put($"/v1/admin/sites/{w.B.SiteId}", new SiteRequest("Renamed by A")), notFound),
            new("DELETE /v1/admin/sites/{siteId}", Role.Admin, () => Delete($"/v1/admin/sites/{w.EmptySiteB}"), notFound),
            new("GET /v1/admin/devices", Role.Admin, () => Get("/v1/admin/devices"), ok),
            new("POST /v1/admin/devices", Role.Admin, () => Post("/v1/admin/devices", new DeviceRequest("Planted", w.B.SiteId)), [HttpStatusCode.UnprocessableEntity]),
            new("GET /v1/admin/devices/{deviceId}", Role.Admin, () => Get($"/v1/admin/devices/{w.B.DeviceId}"), notFound),
            new("POST /v1/admin/devices/{deviceId}/activation-code", Role.Admin, () => Post($"/v1/admin/devices/{w.B.DeviceId}/activation-code", null), notFound),
            new("POST /v1/admin/devices/{deviceId}/deactivate", Role.Admin, () => Post($"/v1/admin/devices/{w.B.DeviceId}/deactivate", null), notFound),
            new("GET /v1/admin/api-keys", Role.Admin, () => Get("/v1/admin/api-keys"), ok),
            new("POST /v1/admin/api-keys", Role.Admin, () => Post("/v1/admin/api-keys", new ApiKeyRequest("A's second")), created),
            new("DELETE /v1/admin/api-keys/{keyId}", Role.Admin, () => Delete($"/v1/admin/api-keys/{w.AdminKeyIdB}"), notFound),
            new("GET /v1/admin/customers", Role.Admin, () => Get("/v1/admin/customers"), ok),
            new("GET /v1/admin/customers/{customerId}", Role.Admin, () => Get($"/v1/admin/customers/{w.CustomerB}"), notFound),
            new("DELETE /v1/admin/customers/{customerId}", Role.Admin, () => Delete($"/v1/admin/customers/{w.CustomerB}"), notFound),
            new("POST /v1/admin/customers/{customerId}/linked-accounts", Role.Admin, () => Post($"/v1/admin/customers/{w.CustomerB}/linked-accounts", new LinkAccountRequest("loyalty", "PLANTED")), notFound),
            new("GET /v1/admin/payments", Role.Admin, () => Get($"/v1/admin/payments?customerId={w.CustomerB}"), ok),
            new("POST /v1/admin/payments/{paymentId}/refund", Role.Admin, () => Post($"/v1/admin/payments/{w.PaymentB}/refund", null), notFound),
            new("GET /v1/admin/integrations", Role.Admin, () => Get("/v1/admin/integrations"), ok),
            new("PUT /v1/admin/integrations", Role.Admin, () => Put("/v1/admin/integrations", new IntegrationsRequest("https://alpha.example/hooks", null, false)), ok),
            new("GET /v1/admin/webhooks/deliveries", Role.Admin, () => Get("/v1/admin/webhooks/deliveries"), ok),
            new("GET /v1/admin/audit", Role.Admin, () => Get("/v1/admin/audit"), ok),
            new("GET /v1/admin/sms-outbox", Role.Admin, () => Get("/v1/admin/sms-outbox"), ok),
            new("GET /v1/admin/transparency", Role.Admin, () => Get("/v1/admin/transparency"), ok),
            new("GET /v1/admin/stats", Role.Admin, () => Get("/v1/admin/stats?days=30"), ok),
            new("POST /v1/admin/data-keys/rotate", Role.Admin, () => Post("/v1/admin/data-keys/rotate", null), ok),

            new("GET /v1/enrollments/disclosure", Role.Device, () => Get("/v1/enrollments/disclosure"), ok),
            new("POST /v1/enrollments", Role.Device, () => Post("/v1/enrollments", new StartEnrollmentRequest(new ConsentRequest(w.DisclosureA, true), PhoneB)), created),
            new("POST /v1/enrollments/{enrollmentId}/verification", Role.Device, () => Post($"/v1/enrollments/{w.EnrollmentB}/verification", new VerifyEnrollmentRequest(w.CodeB)), notFound),
            new("POST /v1/enrollments/{enrollmentId}/palms", Role.Device, () => Post($"/v1/enrollments/{w.EnrollmentB}/palms", enrollment), notFound),
            new("POST /v1/enrollments/{enrollmentId}/card", Role.Device, () => Post($"/v1/enrollments/{w.EnrollmentB}/card", new CardRequest("4242424242424242", 12, 2030, "123")), notFound),
            new("POST /v1/checkout", Role.Device, () => Post("/v1/checkout", new CheckoutRequest(TestTenant.Hover(2, 5), 100, "USD", "BRAVO-ORDER-1", null)), ok),
            new("POST /v1/entry/checkin", Role.Device, () => Post("/v1/entry/checkin", new EntryRequest(TestTenant.Hover(2, 6), null, null, null)), ok),
            new("POST /v1/entry/venue", Role.Device, () => Post("/v1/entry/venue", new EntryRequest(TestTenant.Hover(2, 7), "e-1", null, null)), ok),
            new("POST /v1/entry/venue/link", Role.Device, () => Post("/v1/entry/venue/link", new TicketLinkRequest(TestTenant.Hover(2, 8), "tixly", "A-1")), ok),
            new("POST /v1/entry/badge", Role.Device, () => Post("/v1/entry/badge", new EntryRequest(TestTenant.Hover(2, 9), null, "door", null)), ok),
            new("POST /v1/loyalty", Role.Device, () => Post("/v1/loyalty", new EntryRequest(TestTenant.Hover(2, 10), null, null, null)), ok),
            new("POST /v1/identify", Role.Device, () => Post("/v1/identify", new IdentifyRequest(SyntheticPalm.Hover(2, 9_999), "entry", null)), ok),
            new("GET /v1/devices/ingestion-key", Role.Device, () => Get("/v1/devices/ingestion-key"), ok),
            new("POST /v1/devices/activate", Role.Anonymous, () => Post("/v1/devices/activate", new ActivateDeviceRequest("pkc_" + new string('a', 52), sparePublicKey)), [HttpStatusCode.UnprocessableEntity]),

            new("POST /v1/me/otp", Role.Anonymous, () => Post("/v1/me/otp", new OtpRequest(w.B.TenantId, PhoneA)), [HttpStatusCode.Accepted]),
            new("POST /v1/me/session", Role.Anonymous, () => Post("/v1/me/session", new SessionRequest(w.B.TenantId, PhoneA, w.CodeA)), [HttpStatusCode.UnprocessableEntity]),
            new("GET /v1/me", Role.Customer, () => Get("/v1/me"), ok),
            new("GET /v1/me/export", Role.Customer, () => Get("/v1/me/export"), ok),
            new("DELETE /v1/me/palms", Role.Customer, () => Delete("/v1/me/palms"), [HttpStatusCode.NoContent], RunLast: true),
            new("POST /v1/me/cards", Role.Customer, () => Post("/v1/me/cards", new CardRequest("4242424242424242", 12, 2030, "123")), created),
            new("DELETE /v1/me/cards/{cardId}", Role.Customer, () => Delete($"/v1/me/cards/{w.CardB}"), notFound),
            new("POST /v1/me/accounts", Role.Customer, () => Post("/v1/me/accounts", new LinkAccountRequest("loyalty", "ALPHA-1")), created),
            new("DELETE /v1/me/accounts/{accountId}", Role.Customer, () => Delete($"/v1/me/accounts/{w.AccountB}"), notFound),
            new("POST /v1/me/cancel", Role.Customer, () => Post("/v1/me/cancel", null), ok, RunLast: true),
        ];
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));

    private static HttpRequestMessage Delete(string path) => new(HttpMethod.Delete, new Uri(path, UriKind.Relative));

    private static HttpRequestMessage Post(string path, object? body) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(body, options: Http.Json) };

    private static HttpRequestMessage Put(string path, object body) =>
        new(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(body, options: Http.Json) };

    private sealed record Case(string Endpoint, Role Role, Func<HttpRequestMessage> Build, HttpStatusCode[] Allowed, bool RunLast = false);

    private sealed class World
    {
        private World(PalmKeyServerFactory factory, TestTenant a, TestTenant b)
        {
            Factory = factory;
            A = a;
            B = b;
        }

        public PalmKeyServerFactory Factory { get; }

        public TestTenant A { get; }

        public TestTenant B { get; }

        public string CustomerB { get; private set; } = string.Empty;

        public string EmptySiteB { get; private set; } = string.Empty;

        public string AdminKeyIdB { get; private set; } = string.Empty;

        public string EnrollmentB { get; private set; } = string.Empty;

        public string CodeA { get; private set; } = string.Empty;

        public string CodeB { get; private set; } = string.Empty;

        public string DisclosureA { get; private set; } = string.Empty;

        public string SessionA { get; private set; } = string.Empty;

        public string PaymentB { get; private set; } = string.Empty;

        public string CardB { get; private set; } = string.Empty;

        public string AccountB { get; private set; } = string.Empty;

        public List<string> SecretsOfB { get; } = [];

        private SettingsResponse? SettingsB { get; set; }

        private List<string> DataKeysB { get; set; } = [];

        public static async Task<World> CreateAsync(PalmKeyServerFactory factory)
        {
            var a = await TestTenant.CreateAsync(factory, "Tenant Alpha");
            var b = await TestTenant.CreateAsync(factory, "Tenant Bravo");
            var world = new World(factory, a, b);
            await a.EnrollAsync(PhoneA, palm: 1);
            world.CustomerB = await b.EnrollWithCardAsync(PhoneB, palm: 2, "5555555555554444");
            world.PaymentB = (await (await b.CheckoutAsync(2, 0, 4321, "BRAVO-ORDER-1")).ReadAsync<CheckoutResponse>()).Receipt!.PaymentId;
            await (await b.Admin.SendPostAsync($"/v1/admin/customers/{world.CustomerB}/linked-accounts", new LinkAccountRequest("loyalty", "BRAVO-LOYALTY-77"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
            Assert.True((await b.IdentifyPalmAsync(2)).Recognized);
            world.EmptySiteB = (await (await b.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Bravo Depot"))).ReadAsync<SiteResponse>(HttpStatusCode.Created)).SiteId;
            world.AdminKeyIdB = (await (await b.Admin.SendGetAsync("/v1/admin/api-keys")).ReadAsync<List<ApiKeyResponse>>()).First(k => k.Kind == "admin").KeyId;
            world.EnrollmentB = await b.StartEnrollmentAsync("+15550100003");
            world.CodeB = await b.LastCodeAsync("+15550100003");
            using (var me = await a.SignInAsync(PhoneA))
            {
                world.SessionA = me.DefaultRequestHeaders.Authorization!.Parameter!;
            }

            world.CodeA = await a.LastCodeAsync(PhoneA);
            world.DisclosureA = await a.DisclosureVersionAsync();
            world.SettingsB = await (await b.Admin.SendGetAsync("/v1/admin/settings")).ReadAsync<SettingsResponse>();
            using (var meB = await b.SignInAsync(PhoneB))
            {
                var profileB = await (await meB.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();
                world.CardB = profileB.Cards.Single().CardId!;
                world.AccountB = profileB.LinkedAccounts.Single().AccountId;
            }

            await using (var db = factory.Service<PalmKeyDbFactory>().CreateForTenant(b.TenantId))
            {
                world.DataKeysB = await db.DataKeys.Select(k => k.Id).ToListAsync(TestContext.Current.CancellationToken);
            }

            var ingestionB = await (await b.Device.SendGetAsync("/v1/devices/ingestion-key")).ReadAsync<IngestionKeyResponse>();
            world.SecretsOfB.Add(Convert.ToBase64String(ingestionB.PublicKey)[40..80]);
            world.SecretsOfB.Add(ingestionB.KeyId);
            world.SecretsOfB.AddRange([world.CustomerB, PhoneB, "0100002", "BRAVO-LOYALTY-77", "Tenant Bravo", "Bravo Depot", b.TenantId, b.SiteId, b.DeviceId, world.EmptySiteB, world.EnrollmentB, b.AdminKey[..12], b.DeviceIdentity.PrivateKey[40..60], world.PaymentB, world.CardB, world.AccountB, "BRAVO-ORDER-1"]);
            return world;
        }

        public HttpClient ClientFor(Role role) => role switch
        {
            Role.Admin => Factory.ClientWith(A.AdminKey),
            Role.Device => Factory.DeviceClient(A.DeviceIdentity),
            Role.Customer => Factory.ClientWith(SessionA),
            Role.Operator => Factory.ClientWith(PalmKeyServerFactory.OperatorKey),
            _ => Factory.CreateClient(),
        };

        public async Task AssertBIsIntactAsync()
        {
            Assert.Equal(CustomerB, (await B.IdentifyPalmAsync(2)).CustomerId);
            var settings = await (await B.Admin.SendGetAsync("/v1/admin/settings")).ReadAsync<SettingsResponse>();
            Assert.Equal(SettingsB!.AcceptedPurposes, settings.AcceptedPurposes);
            Assert.Equal(
                (SettingsB.Name, SettingsB.DormancyDays, SettingsB.MaxRetentionDays, SettingsB.TargetFpir, SettingsB.DisclosureVersion),
                (settings.Name, settings.DormancyDays, settings.MaxRetentionDays, settings.TargetFpir, settings.DisclosureVersion));
            var sites = await (await B.Admin.SendGetAsync("/v1/admin/sites")).ReadAsync<List<SiteResponse>>();
            Assert.Equal([("Main Street", B.SiteId), ("Bravo Depot", EmptySiteB)], sites.Select(s => (s.Name, s.SiteId)));
            var devices = await (await B.Admin.SendGetAsync("/v1/admin/devices")).ReadAsync<List<DeviceResponse>>();
            Assert.Null(Assert.Single(devices).DeactivatedAt);
            Assert.All(await (await B.Admin.SendGetAsync("/v1/admin/api-keys")).ReadAsync<List<ApiKeyResponse>>(), k => Assert.Null(k.RevokedAt));
            var customers = await (await B.Admin.SendGetAsync("/v1/admin/customers")).ReadAsync<CustomerPage>();
            Assert.Equal(CustomerB, Assert.Single(customers.Customers).CustomerId);
            using var me = await B.SignInAsync(PhoneB);
            var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();
            Assert.Equal("BRAVO-LOYALTY-77", Assert.Single(profile.LinkedAccounts).Reference);
            Assert.Single(profile.Palms);
            Assert.Equal(CardB, Assert.Single(profile.Cards).CardId);
            Assert.Equal(("captured", 4321L), (Assert.Single(profile.Receipts).Status, profile.Receipts[0].AmountMinor));
            var outbox = await (await B.Admin.SendGetAsync("/v1/admin/sms-outbox")).ReadAsync<List<OutboxMessage>>();
            Assert.DoesNotContain(outbox, m => m.To == PhoneA);
            var audit = await (await B.Admin.SendGetAsync("/v1/admin/audit")).ReadAsync<AuditPage>();
            Assert.DoesNotContain(audit.Entries, e => e.Actor.Contains(A.AdminKey[..12], StringComparison.Ordinal) || e.Actor.Contains(A.DeviceId, StringComparison.Ordinal));
            await using var db = Factory.Service<PalmKeyDbFactory>().CreateForTenant(B.TenantId);
            Assert.Equal(DataKeysB, await db.DataKeys.Select(k => k.Id).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(1, await db.EnrollmentSessions.CountAsync(TestContext.Current.CancellationToken));
        }
    }
}
