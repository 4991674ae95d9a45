using System.Net;
using System.Text.Json;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Webhooks;

namespace PalmKey.Server.Tests.Entry;

/// <summary>
/// Store check-in, venue entry through a real ticketing partner on 127.0.0.1, office badges and
/// loyalty, and purpose binding: each answer holds only its own field.
/// </summary>
public sealed class EntryTests
{
    private const string Phone = "+15550100001";
    private const string Card = "4242424242424242";

    [Fact]
    public async Task Check_in_names_the_customer_only_when_recognized()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync(Phone, palm: 1);

        var inside = await (await tenant.Device.SendPostAsync("/v1/entry/checkin", new EntryRequest(TestTenant.Hover(1, 0), null, null, null))).ReadAsync<CheckInResponse>();
        var stranger = await (await tenant.Device.SendPostAsync("/v1/entry/checkin", new EntryRequest(TestTenant.Hover(2, 0), null, null, null))).ReadAsync<CheckInResponse>();

        Assert.Equal(("checked-in", customerId), (inside.Outcome, inside.CustomerId));
        Assert.Equal(("not-recognized", null), (stranger.Outcome, stranger.CustomerId));
    }

    [Fact]
    public async Task Venue_entry_asks_the_ticketing_partner_with_a_signed_request_and_admits_only_a_valid_ticket()
    {
        await using var partner = await LocalReceiver.StartAsync();
        partner.Respond = request =>
        {
            var body = JsonDocument.Parse(request.Body).RootElement;
            var valid = body.GetProperty("eventId").GetString() == "concert-42" && body.GetProperty("accountId").GetString() == "A-1001";
            return (200, valid ? """{"valid":true,"ticket":{"section":"B","row":"12","seat":"7"}}""" : """{"valid":false}""");
        };
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var secret = await tenant.IntegrateAsync(null, partner.Url + "/tickets/check");
        await tenant.EnrollWithCardAsync(Phone, palm: 1, Card);
        await tenant.EnrollAsync("+15550100002", palm: 2);

        // At the registration station the customer links the ticketing account to the palm.
        var linked = await (await tenant.Device.SendPostAsync("/v1/entry/venue/link", new TicketLinkRequest(TestTenant.Hover(1, 0), "tixly", "A-1001"))).ReadAsync<TicketLinkResponse>();
        Assert.Equal("linked", linked.Outcome);

        var admitted = await VenueAsync(tenant, 1, 1, "concert-42");
        var otherEvent = await VenueAsync(tenant, 1, 2, "concert-43");
        var noAccount = await VenueAsync(tenant, 2, 0, "concert-42");

        Assert.Equal("admitted", admitted.GetProperty("outcome").GetString());
        Assert.Equal("B", admitted.GetProperty("ticket").GetProperty("section").GetString());
        Assert.Equal("denied", otherEvent.GetProperty("outcome").GetString());
        Assert.Equal("no-account", noAccount.GetProperty("outcome").GetString());

        var asked = partner.Received.ToList();
        Assert.Equal(2, asked.Count);
        Assert.All(asked, r => Assert.True(WebhookSignature.Verify(secret, r.Headers[WebhookSignature.Header], r.Body, factory.Clock.GetUtcNow(), TimeSpan.FromMinutes(5))));
        Assert.All(asked, r => Assert.Equal("tixly", JsonDocument.Parse(r.Body).RootElement.GetProperty("partner").GetString()));
        Assert.All(asked, r => Assert.DoesNotContain(Phone[2..], r.Body, StringComparison.Ordinal));
        Assert.All(asked, r => Assert.DoesNotContain("4242", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ticketing_partner_that_fails_is_reported_and_nobody_is_admitted()
    {
        await using var partner = await LocalReceiver.StartAsync();
        partner.Respond = _ => (503, "{}");
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.IntegrateAsync(null, partner.Url);
        var customerId = await tenant.EnrollAsync(Phone, palm: 1);
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("ticket", "tixly:A-1"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);

        var answer = await VenueAsync(tenant, 1, 0, "concert-42");

        Assert.Equal("ticketing-unavailable", answer.GetProperty("outcome").GetString());
        Assert.Contains("503", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_office_door_allows_only_a_palm_with_the_employers_badge()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var employee = await tenant.EnrollAsync(Phone, palm: 1);
        await tenant.EnrollAsync("+15550100002", palm: 2);
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{employee}/linked-accounts", new LinkAccountRequest("badge", "EMP-5521"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);

        var allowed = await BadgeAsync(tenant, 1);
        var visitor = await BadgeAsync(tenant, 2);
        var stranger = await BadgeAsync(tenant, 3);

        Assert.Equal("allow", allowed.GetProperty("outcome").GetString());
        Assert.Equal("deny", visitor.GetProperty("outcome").GetString());
        Assert.Equal("deny", stranger.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Each_purpose_returns_only_its_own_field()
    {
        await using var partner = await LocalReceiver.StartAsync();
        partner.Respond = _ => (200, """{"valid":true,"ticket":{"seat":"7"}}""");
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.IntegrateAsync(null, partner.Url);
        var customerId = await tenant.EnrollWithCardAsync(Phone, palm: 1, "5555555555554444");
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("badge", "EMP-5521"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("loyalty", "LOY-77001"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("ticket", "tixly:TK-3003"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
        var secrets = new Dictionary<string, string> { ["card"] = "4444", ["badge"] = "EMP-5521", ["loyalty"] = "LOY-77001", ["ticket"] = "TK-3003", ["phone"] = "5550100001" };

        var answers = new Dictionary<string, (JsonElement Body, string[] Fields, string[] Reveals)>
        {
            ["checkout"] = (await PostAsync(tenant, "/v1/checkout", new CheckoutRequest(TestTenant.Hover(1, 0), 100, "USD", "o-1", null)), ["outcome", "detail", "receipt"], ["card"]),
            ["venue"] = (await VenueAsync(tenant, 1, 1, "e-1"), ["outcome", "detail", "ticket"], []),
            ["badge"] = (await BadgeAsync(tenant, 1, 2), ["outcome", "detail"], []),
            ["loyalty"] = (await PostAsync(tenant, "/v1/loyalty", new EntryRequest(TestTenant.Hover(1, 3), null, null, null)), ["outcome", "detail", "loyaltyNumber"], ["loyalty"]),
            ["checkin"] = (await PostAsync(tenant, "/v1/entry/checkin", new EntryRequest(TestTenant.Hover(1, 4), null, null, null)), ["outcome", "detail", "customerId"], []),
        };

        Assert.Equal("approved", answers["checkout"].Body.GetProperty("outcome").GetString());
        Assert.Equal("admitted", answers["venue"].Body.GetProperty("outcome").GetString());
        Assert.Equal("allow", answers["badge"].Body.GetProperty("outcome").GetString());
        Assert.Equal("LOY-77001", answers["loyalty"].Body.GetProperty("loyaltyNumber").GetString());
        Assert.Equal(customerId, answers["checkin"].Body.GetProperty("customerId").GetString());
        foreach (var (purpose, (body, fields, reveals)) in answers)
        {
            Assert.Equal(fields.Order(), body.EnumerateObject().Select(p => p.Name).Order());
            foreach (var (name, value) in secrets.Where(s => !reveals.Contains(s.Key)))
            {
                Assert.False(body.GetRawText().Contains(value, StringComparison.Ordinal), $"The {purpose} answer reveals the {name}.");
            }
        }

        // The checkout answer carries no customer id either.
        Assert.DoesNotContain(customerId, answers["checkout"].Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linking_accounts_checks_kind_and_reference_and_badges_are_the_employers()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync(Phone, palm: 1);
        using var me = await tenant.SignInAsync(Phone);

        var badge = await me.SendPostAsync("/v1/me/accounts", new LinkAccountRequest("badge", "EMP-1"));
        var badTicket = await me.SendPostAsync("/v1/me/accounts", new LinkAccountRequest("ticket", "no-partner"));
        var loyalty = await (await me.SendPostAsync("/v1/me/accounts", new LinkAccountRequest("loyalty", "LOY-1"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
        var badLink = await tenant.Device.SendPostAsync("/v1/entry/venue/link", new TicketLinkRequest(TestTenant.Hover(1, 0), "Bad Partner", "A-1"));

        await badge.ProblemAsync(HttpStatusCode.BadRequest, Infrastructure.Problems.InvalidRequest);
        await badTicket.ProblemAsync(HttpStatusCode.BadRequest, Infrastructure.Problems.InvalidRequest);
        await badLink.ProblemAsync(HttpStatusCode.BadRequest, Infrastructure.Problems.InvalidRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await me.SendDeleteAsync($"/v1/me/accounts/{loyalty.AccountId}")).StatusCode);
        Assert.Empty((await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>()).LinkedAccounts);
    }

    private static Task<JsonElement> VenueAsync(TestTenant tenant, int palm, int seed, string eventId) =>
        PostAsync(tenant, "/v1/entry/venue", new EntryRequest(TestTenant.Hover(palm, seed), eventId, null, null));

    private static Task<JsonElement> BadgeAsync(TestTenant tenant, int palm, int seed = 0) =>
        PostAsync(tenant, "/v1/entry/badge", new EntryRequest(TestTenant.Hover(palm, seed), null, "north-door", null));

    private static async Task<JsonElement> PostAsync(TestTenant tenant, string path, object body) =>
        await (await tenant.Device.SendPostAsync(path, body)).ReadAsync<JsonElement>();
}
