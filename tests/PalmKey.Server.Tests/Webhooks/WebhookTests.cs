using System.Net;
using System.Text.Json;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Webhooks;

namespace PalmKey.Server.Tests.Webhooks;

/// <summary>Webhooks to a real HTTP receiver on 127.0.0.1: signed, retried with backoff, and logged.</summary>
public sealed class WebhookTests
{
    private const string Phone = "+15550100001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Payment_entry_and_deletion_events_arrive_signed_with_the_tenants_secret()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var secret = await tenant.IntegrateAsync(receiver.Url + "/hooks");
        var customerId = await tenant.EnrollWithCardAsync(Phone, palm: 1);
        await (await tenant.CheckoutAsync(1, 0, 1999, "order-1")).ReadAsync<CheckoutResponse>();
        await (await tenant.Device.SendPostAsync("/v1/entry/checkin", new EntryRequest(TestTenant.Hover(1, 1), null, null, null))).ReadAsync<CheckInResponse>();
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Admin.SendDeleteAsync($"/v1/admin/customers/{customerId}")).StatusCode);

        Assert.Equal(3, await factory.Service<WebhookDispatcher>().RunAsync(Ct));

        var received = receiver.Received.ToList();
        Assert.Equal(["payment.captured", "entry.checkin", "customer.deleted"], received.Select(r => r.Headers["PalmKey-Event"]));
        foreach (var request in received)
        {
            Assert.Equal("/hooks", request.Path);
            Assert.True(WebhookSignature.Verify(secret, request.Headers[WebhookSignature.Header], request.Body, factory.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
            Assert.False(WebhookSignature.Verify(secret, request.Headers[WebhookSignature.Header], request.Body.Replace("1999", "1", StringComparison.Ordinal) + " ", factory.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
            Assert.False(WebhookSignature.Verify("whsec_wrong", request.Headers[WebhookSignature.Header], request.Body, factory.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
            var body = JsonDocument.Parse(request.Body).RootElement;
            Assert.Equal(request.Headers["PalmKey-Delivery"], body.GetProperty("id").GetString());
            Assert.Equal(customerId, body.GetProperty("data").GetProperty("customerId").GetString());
            Assert.DoesNotContain("4242", request.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("5550100001", request.Body, StringComparison.Ordinal);
        }

        var payment = JsonDocument.Parse(received[0].Body).RootElement.GetProperty("data");
        Assert.Equal((1999, "order-1", "captured"), (payment.GetProperty("amountMinor").GetInt64(), payment.GetProperty("orderReference").GetString(), payment.GetProperty("status").GetString()));

        // Signatures go stale: a replay an hour later is refused by a receiver with a 5-minute tolerance.
        Assert.False(WebhookSignature.Verify(secret, received[0].Headers[WebhookSignature.Header], received[0].Body, factory.Clock.GetUtcNow().AddHours(1), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_backoff_and_every_attempt_is_logged()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var answers = new Queue<int>([500, 503, 200]);
        receiver.Respond = _ => (answers.Dequeue(), "{}");
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.IntegrateAsync(receiver.Url);
        await tenant.EnrollWithCardAsync(Phone, palm: 1);
        await (await tenant.CheckoutAsync(1, 0, 500, "order-1")).ReadAsync<CheckoutResponse>();
        var dispatcher = factory.Service<WebhookDispatcher>();

        Assert.Equal(1, await dispatcher.RunAsync(Ct));
        var first = Assert.Single(await DeliveriesAsync(tenant));
        Assert.Equal(("pending", 1, 500), (first.Status, first.Attempts, first.LastStatusCode));
        Assert.Equal(factory.Clock.GetUtcNow().AddSeconds(10), first.NextAttemptAt);

        // Not due yet: nothing is sent.
        Assert.Equal(0, await dispatcher.RunAsync(Ct));
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await dispatcher.RunAsync(Ct));
        var second = Assert.Single(await DeliveriesAsync(tenant));
        Assert.Equal(("pending", 2, 503), (second.Status, second.Attempts, second.LastStatusCode));
        Assert.Equal(factory.Clock.GetUtcNow().AddSeconds(30), second.NextAttemptAt);

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await dispatcher.RunAsync(Ct));
        var delivered = Assert.Single(await DeliveriesAsync(tenant));
        Assert.Equal(("delivered", 3, 200), (delivered.Status, delivered.Attempts, delivered.LastStatusCode));
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Headers["PalmKey-Delivery"]).Distinct());
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_given_up_after_the_last_attempt()
    {
        var settings = new Dictionary<string, string?> { ["PalmKey:Webhooks:MaxAttempts"] = "2" };
        await using var factory = await new PalmKeyServerFactory(settings: settings).StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        // Nothing listens on this port: the first receiver closed it.
        string url;
        await using (var closed = await LocalReceiver.StartAsync())
        {
            url = closed.Url;
        }

        await tenant.IntegrateAsync(url);
        await tenant.EnrollWithCardAsync(Phone, palm: 1);
        await (await tenant.CheckoutAsync(1, 0, 500, "order-1")).ReadAsync<CheckoutResponse>();
        var dispatcher = factory.Service<WebhookDispatcher>();

        await dispatcher.RunAsync(Ct);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.RunAsync(Ct);

        var failed = Assert.Single(await DeliveriesAsync(tenant));
        Assert.Equal(("failed", 2), (failed.Status, failed.Attempts));
        Assert.Contains("could not be reached", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_grows_threefold_from_ten_seconds_to_at_most_six_hours()
    {
        Assert.Equal([10, 30, 90, 270, 810, 2430, 7290, 21600, 21600], Enumerable.Range(1, 9).Select(a => (int)WebhookDispatcher.Backoff(a).TotalSeconds));
    }

    [Fact]
    public async Task Integration_urls_are_checked()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var bad = await tenant.Admin.SendPutAsync("/v1/admin/integrations", new IntegrationsRequest("ftp://example.com/hook", null, false));
        var first = await (await tenant.Admin.SendPutAsync("/v1/admin/integrations", new IntegrationsRequest("https://example.com/hook", null, false))).ReadAsync<IntegrationsResponse>();
        var again = await (await tenant.Admin.SendPutAsync("/v1/admin/integrations", new IntegrationsRequest("https://example.com/hook2", null, false))).ReadAsync<IntegrationsResponse>();
        var shown = await (await tenant.Admin.SendGetAsync("/v1/admin/integrations")).ReadAsync<IntegrationsResponse>();

        await bad.ProblemAsync(HttpStatusCode.BadRequest, Infrastructure.Problems.InvalidRequest);
        Assert.StartsWith("whsec_", first.SigningSecret, StringComparison.Ordinal);
        Assert.Null(again.SigningSecret);
        Assert.Equal(("https://example.com/hook2", true, null), (shown.WebhookUrl, shown.HasSigningSecret, shown.SigningSecret));
    }

    private static async Task<List<WebhookDeliveryView>> DeliveriesAsync(TestTenant tenant) =>
        await (await tenant.Admin.SendGetAsync("/v1/admin/webhooks/deliveries")).ReadAsync<List<WebhookDeliveryView>>();
}
