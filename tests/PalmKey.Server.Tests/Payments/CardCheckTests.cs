using PalmKey.Server.Payments;

namespace PalmKey.Server.Tests.Payments;

public sealed class CardCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("4242424242424242", "visa")]
    [InlineData("4242 4242 4242 4242", "visa")]
    [InlineData("5555-5555-5555-4444", "mastercard")]
    [InlineData("2223003122003222", "mastercard")]
    [InlineData("378282246310005", "amex")]
    [InlineData("6011111111111117", "discover")]
    public void A_valid_card_is_accepted_with_its_brand_and_last_four(string number, string brand)
    {
        var (card, error) = CardCheck.Check(number, 12, 2030, brand == "amex" ? "1234" : "123", Now);

        Assert.Null(error);
        Assert.Equal(brand, card!.Brand);
        Assert.Equal(number.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal)[^4..], card.Last4);
        Assert.DoesNotContain(card.Number, card.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4242424242424241", 12, 2030, "123", "check digit")]
    [InlineData("42424242424242", 12, 2030, "123", "does not have 14 digits")]
    [InlineData("1234567812345670", 12, 2030, "123", "brand is not accepted")]
    [InlineData("4242x24242424242", 12, 2030, "123", "digits only")]
    [InlineData("", 12, 2030, "123", "number is required")]
    [InlineData("4242424242424242", 13, 2030, "123", "expiryMonth")]
    [InlineData("4242424242424242", 2, 2026, "123", "expired")]
    [InlineData("4242424242424242", 12, 2099, "123", "expiryYear")]
    [InlineData("4242424242424242", 12, 2030, "12", "3-digit security code")]
    [InlineData("378282246310005", 12, 2030, "123", "4-digit security code")]
    public void A_bad_card_gets_an_error_that_says_what_to_fix_and_never_the_number(string number, int month, int year, string cvc, string expected)
    {
        var (card, error) = CardCheck.Check(number, month, year, cvc, Now);

        Assert.Null(card);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        if (number.Length > 4)
        {
            Assert.DoesNotContain(number, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_current_month_has_not_expired()
    {
        Assert.NotNull(CardCheck.Check("4242424242424242", 3, 2026, "123", Now).Card);
    }

    [Fact]
    public void Luhn_accepts_every_valid_check_digit_and_refuses_every_other()
    {
        var random = new Random(17);
        for (var n = 0; n < 200; n++)
        {
            var body = string.Concat(Enumerable.Range(0, 15).Select(_ => (char)('0' + random.Next(10))));
            var valid = Enumerable.Range(0, 10).Where(d => CardCheck.Luhn(body + d)).ToList();
            Assert.Single(valid);
        }
    }
}
