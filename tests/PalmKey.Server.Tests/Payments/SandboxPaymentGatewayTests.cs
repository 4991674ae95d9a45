using Microsoft.Extensions.Options;
using PalmKey.Server.Payments;

namespace PalmKey.Server.Tests.Payments;

public sealed class SandboxPaymentGatewayTests
{
    private readonly FakeClock _clock = new(PalmKeyServerFactory.Start);
    private readonly SandboxPaymentGateway _gateway;

    public SandboxPaymentGatewayTests()
    {
        var options = new PalmKeyOptions();
        options.Payments.SandboxTimeoutDelay = TimeSpan.FromMilliseconds(50);
        _gateway = new SandboxPaymentGateway(_clock, Options.Create(options));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_idempotency_key_gets_the_first_answer_and_no_second_authorization()
    {
        var token = await TokenAsync("4242424242424242");

        var first = await _gateway.AuthorizeAsync(token, 500, "USD", "k1", Ct);
        var again = await _gateway.AuthorizeAsync(token, 500, "USD", "k1", Ct);
        var other = await _gateway.AuthorizeAsync(token, 500, "USD", "k2", Ct);

        Assert.Equal(GatewayOutcome.Approved, first.Outcome);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Theory]
    [InlineData(SandboxPaymentGateway.DeclinedCard, "card_declined")]
    [InlineData(SandboxPaymentGateway.InsufficientFundsCard, "insufficient_funds")]
    public async Task The_test_cards_decline_with_their_reason(string number, string code)
    {
        var result = await _gateway.AuthorizeAsync(await TokenAsync(number), 500, "USD", "k", Ct);

        Assert.Equal(GatewayOutcome.Declined, result.Outcome);
        Assert.Equal(code, result.Code);
    }

    [Fact]
    public async Task The_time_out_card_makes_an_authorization_whose_answer_is_lost_and_a_reversal_undoes_it()
    {
        var token = await TokenAsync(SandboxPaymentGateway.TimeoutCard);

        var result = await _gateway.AuthorizeAsync(token, 500, "USD", "pay_1:authorize", Ct);
        Assert.Equal(GatewayOutcome.Unavailable, result.Outcome);

        Assert.Equal(GatewayOutcome.Approved, (await _gateway.ReverseAsync("pay_1:authorize", Ct)).Outcome);
    }

    [Fact]
    public async Task A_reversed_key_refuses_a_late_authorization()
    {
        var token = await TokenAsync("4242424242424242");
        await _gateway.ReverseAsync("pay_2:authorize", Ct);

        var late = await _gateway.AuthorizeAsync(token, 500, "USD", "pay_2:authorize", Ct);

        Assert.Equal(GatewayOutcome.Declined, late.Outcome);
    }

    [Fact]
    public async Task Capture_takes_at_most_the_authorized_amount_and_a_refund_settles_later()
    {
        var authorization = await _gateway.AuthorizeAsync(await TokenAsync("5555555555554444"), 500, "USD", "a", Ct);
        Assert.Equal(GatewayOutcome.Declined, (await _gateway.CaptureAsync(authorization.Id!, 501, "c0", Ct)).Outcome);
        Assert.Equal(GatewayOutcome.Declined, (await _gateway.RefundAsync(authorization.Id!, 500, "r0", Ct)).Outcome);
        Assert.Equal(GatewayOutcome.Approved, (await _gateway.CaptureAsync(authorization.Id!, 500, "c1", Ct)).Outcome);

        var refund = await _gateway.RefundAsync(authorization.Id!, 500, "r1", Ct);
        Assert.Equal(GatewayOutcome.Pending, refund.Outcome);
        Assert.Equal(GatewayOutcome.Pending, (await _gateway.RefundStatusAsync(refund.Id!, Ct)).Outcome);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(GatewayOutcome.Approved, (await _gateway.RefundStatusAsync(refund.Id!, Ct)).Outcome);
    }

    private async Task<string> TokenAsync(string number)
    {
        var (card, error) = CardCheck.Check(number, 12, 2030, "123", _clock.GetUtcNow());
        Assert.Null(error);
        var token = (await _gateway.TokenizeAsync(card!, Ct)).Token!;
        Assert.DoesNotContain(number, token, StringComparison.Ordinal);
        return token;
    }
}
