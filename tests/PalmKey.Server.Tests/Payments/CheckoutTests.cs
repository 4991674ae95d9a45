using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Index;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;
using PalmKey.Server.Privacy;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Tests.Payments;

public sealed class CheckoutTests
{
    private const string Phone = "+15550100001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recognized_palm_pays_with_the_linked_card_and_the_receipt_goes_into_the_history()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollWithCardAsync(Phone, palm: 1);

        var paid = await (await tenant.CheckoutAsync(1, 0, 1250, "order-1")).ReadAsync<CheckoutResponse>();

        Assert.Equal("approved", paid.Outcome);
        Assert.Equal("Paid with the visa card ending 4242.", paid.Detail);
        var receipt = paid.Receipt!;
        Assert.Equal((1250L, 0L, 1250L, "USD", "captured", "visa", "4242"), (receipt.AmountMinor, receipt.CreditMinor, receipt.ChargedMinor, receipt.Currency, receipt.Status, receipt.CardBrand, receipt.CardLast4));
        Assert.Equal(tenant.SiteId, receipt.SiteId);

        using var me = await tenant.SignInAsync(Phone);
        var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();
        Assert.Equal(customerId, profile.CustomerId);
        Assert.Equal(receipt, Assert.Single(profile.Receipts));
        Assert.Equal(("visa", "4242", 12, 2030), (profile.Cards[0].Brand, profile.Cards[0].Last4, profile.Cards[0].ExpiryMonth, profile.Cards[0].ExpiryYear));
        Assert.Equal("checkout", Assert.Single(profile.Usage).Purpose);

        var payments = await (await tenant.Admin.SendGetAsync("/v1/admin/payments")).ReadAsync<List<PaymentView>>();
        Assert.Equal(customerId, Assert.Single(payments).CustomerId);
    }

    [Theory]
    [InlineData(SandboxPaymentGateway.DeclinedCard, "card_declined", "The card was declined. Nothing was charged; pay another way.")]
    [InlineData(SandboxPaymentGateway.InsufficientFundsCard, "insufficient_funds", "The card was declined for insufficient funds. Nothing was charged; pay another way.")]
    public async Task A_declined_card_is_a_clear_outcome_and_charges_nothing(string card, string code, string detail)
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollWithCardAsync(Phone, palm: 1, card);

        var declined = await (await tenant.CheckoutAsync(1, 0, 990, "order-1")).ReadAsync<CheckoutResponse>();

        Assert.Equal(("declined", detail, "declined"), (declined.Outcome, declined.Detail, declined.Receipt!.Status));
        var payment = Assert.Single(await (await tenant.Admin.SendGetAsync("/v1/admin/payments")).ReadAsync<List<PaymentView>>());
        Assert.Equal(code, payment.DeclineCode);
    }

    [Fact]
    public async Task An_unknown_palm_and_a_customer_without_a_card_are_clear_outcomes()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync(Phone, palm: 1);

        var unknown = await (await tenant.CheckoutAsync(2, 0, 990, "order-1")).ReadAsync<CheckoutResponse>();
        var noCard = await (await tenant.CheckoutAsync(1, 0, 990, "order-2")).ReadAsync<CheckoutResponse>();

        Assert.Equal("not-recognized", unknown.Outcome);
        Assert.Null(unknown.Receipt);
        Assert.Equal("no-card", noCard.Outcome);
        Assert.Empty(await (await tenant.Admin.SendGetAsync("/v1/admin/payments")).ReadAsync<List<PaymentView>>());
    }

    [Fact]
    public async Task An_ambiguous_identification_charges_no_one()
    {
        await using var factory = await new PalmKeyServerFactory(index: () => new AlwaysAmbiguousIndex(new CorePalmIndex())).StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollWithCardAsync(Phone, palm: 1);

        var answer = await (await tenant.CheckoutAsync(1, 0, 990, "order-1")).ReadAsync<CheckoutResponse>();

        Assert.Equal("ambiguous", answer.Outcome);
        Assert.Contains("no one was charged", answer.Detail, StringComparison.Ordinal);
        Assert.Empty(await (await tenant.Admin.SendGetAsync("/v1/admin/payments")).ReadAsync<List<PaymentView>>());
    }

    [Fact]
    public async Task A_retried_checkout_never_charges_twice()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollWithCardAsync(Phone, palm: 1);

        // A retry after a time-out, with the same idempotency key: the stored answer.
        var first = await (await tenant.CheckoutAsync(1, 0, 700, "order-1", "key-1")).ReadAsync<CheckoutResponse>();
        var retried = await (await tenant.CheckoutAsync(1, 0, 700, "order-1", "key-1")).ReadAsync<CheckoutResponse>();

        // A client that crashed and lost its key sends the order again: its receipt, not a new charge.
        var resent = await (await tenant.CheckoutAsync(1, 1, 700, "order-1", "key-2")).ReadAsync<CheckoutResponse>();

        // The same order reference for another amount is refused.
        var conflicting = await tenant.CheckoutAsync(1, 2, 800, "order-1");

        Assert.Equal("approved", first.Outcome);
        Assert.Equal(first, retried);
        Assert.Equal(first.Receipt, resent.Receipt);
        await conflicting.ProblemAsync(HttpStatusCode.Conflict, Problems.OrderReferenceUsed);
        var payment = Assert.Single(await (await tenant.Admin.SendGetAsync("/v1/admin/payments")).ReadAsync<List<PaymentView>>());
        Assert.Equal("captured", payment.Receipt.Status);
    }

    [Fact]
    public async Task A_declined_order_may_be_paid_again_with_another_card()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollWithCardAsync(Phone, palm: 1, SandboxPaymentGateway.DeclinedCard);
        Assert.Equal("declined", (await (await tenant.CheckoutAsync(1, 0, 700, "order-1")).ReadAsync<CheckoutResponse>()).Outcome);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var me = await tenant.SignInAsync(Phone);
        await (await me.SendPostAsync("/v1/me/cards", new CardRequest("5555555555554444", 1, 2031, "321"))).ReadAsync<CardView>(HttpStatusCode.Created);
        var paid = await (await tenant.CheckoutAsync(1, 1, 700, "order-1")).ReadAsync<CheckoutResponse>();

        Assert.Equal(("approved", "mastercard", "4444"), (paid.Outcome, paid.Receipt!.CardBrand, paid.Receipt.CardLast4));
        Assert.Equal(2, (await (await tenant.Admin.SendGetAsync("/v1/admin/payments")).ReadAsync<List<PaymentView>>()).Count);
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_is_reversed_and_nothing_is_charged()
    {
        var settings = new Dictionary<string, string?>
        {
            ["PalmKey:Payments:GatewayTimeout"] = "00:00:00.300",
            ["PalmKey:Payments:SandboxTimeoutDelay"] = "00:00:10",
        };
        await using var factory = await new PalmKeyServerFactory(settings: settings).StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollWithCardAsync(Phone, palm: 1, SandboxPaymentGateway.TimeoutCard);

        var answer = await (await tenant.CheckoutAsync(1, 0, 700, "order-1")).ReadAsync<CheckoutResponse>();

        Assert.Equal("payment-unavailable", answer.Outcome);
        Assert.Contains("Nothing was charged", answer.Detail, StringComparison.Ordinal);
        Assert.Equal("voided", answer.Receipt!.Status);
    }

    [Fact]
    public async Task Bad_checkout_requests_get_clear_errors()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var frames = TestTenant.Hover(1, 0);

        var cases = new (CheckoutRequest Request, string Expected)[]
        {
            (new CheckoutRequest(frames, 0, "USD", "o", null), "amountMinor"),
            (new CheckoutRequest(frames, 100, "US", "o", null), "currency"),
            (new CheckoutRequest(frames, 100, "USD", " ", null), "orderReference"),
            (new CheckoutRequest(null, 100, "USD", "o", null), "frames"),
        };
        foreach (var (request, expected) in cases)
        {
            var problem = await (await tenant.Device.SendPostAsync("/v1/checkout", request)).ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
            Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_enrollment_credit_pays_part_of_the_first_purchase_once()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await (await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(null, null, null, null, "usd", 1000))).ReadAsync<SettingsResponse>();
        await tenant.EnrollWithCardAsync(Phone, palm: 1);

        var first = (await (await tenant.CheckoutAsync(1, 0, 2500, "order-1")).ReadAsync<CheckoutResponse>()).Receipt!;
        var second = (await (await tenant.CheckoutAsync(1, 1, 2500, "order-2")).ReadAsync<CheckoutResponse>()).Receipt!;

        Assert.Equal((1000L, 1500L), (first.CreditMinor, first.ChargedMinor));
        Assert.Equal((0L, 2500L), (second.CreditMinor, second.ChargedMinor));
    }

    [Fact]
    public async Task A_credit_that_covers_the_purchase_needs_no_card_and_a_declined_purchase_keeps_the_credit()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await (await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(null, null, null, null, null, 1000))).ReadAsync<SettingsResponse>();
        await tenant.EnrollWithCardAsync(Phone, palm: 1, SandboxPaymentGateway.DeclinedCard);

        var declined = (await (await tenant.CheckoutAsync(1, 0, 2500, "order-1")).ReadAsync<CheckoutResponse>()).Receipt!;
        var covered = await (await tenant.CheckoutAsync(1, 1, 600, "order-2")).ReadAsync<CheckoutResponse>();

        Assert.Equal("declined", declined.Status);
        Assert.Equal(("approved", "Paid with the enrollment credit.", 600L, 0L), (covered.Outcome, covered.Detail, covered.Receipt!.CreditMinor, covered.Receipt.ChargedMinor));
        using var me = await tenant.SignInAsync(Phone);
        Assert.Equal(400, (await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>()).PromotionCreditMinor);
    }

    [Fact]
    public async Task Cancellation_waits_for_a_pending_refund_and_deletes_everything_once_it_settles()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollWithCardAsync(Phone, palm: 1);
        var receipt = (await (await tenant.CheckoutAsync(1, 0, 1200, "order-1")).ReadAsync<CheckoutResponse>()).Receipt!;
        var refunded = await (await tenant.Admin.SendPostAsync($"/v1/admin/payments/{receipt.PaymentId}/refund", null)).ReadAsync<PaymentView>();
        Assert.Equal("refund-pending", refunded.Receipt.Status);

        using var me = await tenant.SignInAsync(Phone);
        var cancel = await (await me.SendPostAsync("/v1/me/cancel", null)).ReadAsync<CancelResponse>(HttpStatusCode.Accepted);
        Assert.Equal("pending-settlement", cancel.Status);
        Assert.Equal(receipt.PaymentId, Assert.Single(cancel.Outstanding).Reference);
        Assert.Contains("refund", cancel.Outstanding[0].Description, StringComparison.Ordinal);

        // Before the refund settles the account stays; the palm is already gone.
        Assert.Equal(0, await SettleAsync(factory));
        Assert.Equal(0, (await PurgeAsync(factory)).Cancelled);
        Assert.True(await CustomerExistsAsync(factory, tenant, customerId));
        Assert.False((await (await tenant.CheckoutAsync(1, 1, 100, "order-2")).ReadAsync<CheckoutResponse>()).Outcome == "approved");

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await SettleAsync(factory));
        Assert.Equal(1, (await PurgeAsync(factory)).Cancelled);
        Assert.False(await CustomerExistsAsync(factory, tenant, customerId));
        await using var db = factory.Service<PalmKeyDbFactory>().CreateForTenant(tenant.TenantId);
        Assert.False(await db.Payments.AnyAsync(Ct));
        Assert.False(await db.PaymentCards.AnyAsync(Ct));
    }

    [Fact]
    public async Task Cancellation_with_everything_settled_deletes_at_once()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollWithCardAsync(Phone, palm: 1);
        await (await tenant.CheckoutAsync(1, 0, 1200, "order-1")).ReadAsync<CheckoutResponse>();

        using var me = await tenant.SignInAsync(Phone);
        var cancel = await (await me.SendPostAsync("/v1/me/cancel", null)).ReadAsync<CancelResponse>();

        Assert.Equal("deleted", cancel.Status);
        Assert.False(await CustomerExistsAsync(factory, tenant, customerId));
    }

    [Fact]
    public async Task A_checkout_left_pending_by_a_crash_is_reversed_by_settlement_and_outstanding_until_then()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollWithCardAsync(Phone, palm: 1);
        await using (var db = factory.Service<PalmKeyDbFactory>().CreateForTenant(tenant.TenantId))
        {
            var now = factory.Clock.GetUtcNow();
            db.Payments.Add(new Payment
            {
                Id = "pay_crashed",
                TenantId = tenant.TenantId,
                CustomerId = customerId,
                SiteId = tenant.SiteId,
                DeviceId = tenant.DeviceId,
                OrderReference = "order-9",
                Attempt = 1,
                AmountMinor = 100,
                ChargedMinor = 100,
                Currency = "USD",
                Status = PaymentStatus.Pending,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync(Ct);
        }

        var outstanding = factory.Service<IOutstandingTransactions>();
        Assert.Single(await outstanding.ListAsync(tenant.TenantId, customerId, Ct));
        await (await tenant.CheckoutAsync(1, 0, 100, "order-9")).ProblemAsync(HttpStatusCode.Conflict, Problems.PaymentInProgress);

        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await SettleAsync(factory));

        Assert.Empty(await outstanding.ListAsync(tenant.TenantId, customerId, Ct));
        Assert.Equal("approved", (await (await tenant.CheckoutAsync(1, 1, 100, "order-9")).ReadAsync<CheckoutResponse>()).Outcome);
    }

    private static Task<int> SettleAsync(PalmKeyServerFactory factory) => factory.Service<PaymentSettlement>().RunAsync(Ct);

    private static async Task<RetentionReport> PurgeAsync(PalmKeyServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPurger>().RunAsync(Ct);
    }

    private static async Task<bool> CustomerExistsAsync(PalmKeyServerFactory factory, TestTenant tenant, string customerId)
    {
        await using var db = factory.Service<PalmKeyDbFactory>().CreateForTenant(tenant.TenantId);
        return await db.Customers.AnyAsync(c => c.Id == customerId, Ct);
    }

    /// <summary>The real index, except that every identification finds two customers above the threshold.</summary>
    private sealed class AlwaysAmbiguousIndex(ITenantPalmIndex inner) : ITenantPalmIndex
    {
        public int PalmCount => inner.PalmCount;

        public int TemplateCount => inner.TemplateCount;

        public void Add(IEnumerable<IndexedPalm> palms) => inner.Add(palms);

        public int RemoveCustomer(string customerId) => inner.RemoveCustomer(customerId);

        public bool Contains(string customerId) => inner.Contains(customerId);

        public IndexDecision Identify(IReadOnlyList<PalmProbe> frames, double targetFpir) => inner.Identify(frames, targetFpir) with { Ambiguous = true };

        public IndexDecision FindDuplicate(IReadOnlyList<PalmProbe> captures, double targetFpir) => inner.FindDuplicate(captures, targetFpir);
    }
}
