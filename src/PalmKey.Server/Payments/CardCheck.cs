using System.Globalization;

namespace PalmKey.Server.Payments;

/// <summary>
/// Checks a card as typed before it goes to the gateway: digits, length and brand from the number's
/// prefix, the Luhn check digit, the expiry and the security code. Error messages never repeat the number.
/// </summary>
internal static class CardCheck
{
    /// <summary>Returns the card, or an error that says what to fix.</summary>
    public static (CardDetails? Card, string? Error) Check(string? number, int? expiryMonth, int? expiryYear, string? cvc, DateTimeOffset now)
    {
        var digits = new string((number ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length == 0)
        {
            return (null, "number is required: the card number.");
        }

        if (!digits.All(char.IsAsciiDigit))
        {
            return (null, "number must hold digits only (spaces and dashes are allowed between them).");
        }

        var brand = BrandOf(digits);
        if (brand is null)
        {
            return (null, "The card brand is not accepted: use Visa, Mastercard, American Express or Discover.");
        }

        if (!LengthFits(brand, digits.Length))
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"A {Display(brand)} number does not have {digits.Length} digits; check the number."));
        }

        if (!Luhn(digits))
        {
            return (null, "The card number is mistyped (its check digit is wrong); check the number.");
        }

        if (expiryMonth is not (>= 1 and <= 12))
        {
            return (null, "expiryMonth must be 1 to 12.");
        }

        if (expiryYear is not { } year || year < 2000 || year > now.Year + 20)
        {
            return (null, "expiryYear must be the four-digit year on the card.");
        }

        if (year < now.Year || (year == now.Year && expiryMonth < now.Month))
        {
            return (null, "The card has expired; use another card.");
        }

        var cvcLength = brand == Brands.Amex ? 4 : 3;
        if (cvc is null || cvc.Length != cvcLength || !cvc.All(char.IsAsciiDigit))
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"cvc must be the {cvcLength}-digit security code of the card."));
        }

        return (new CardDetails(digits, expiryMonth.Value, year, cvc, brand), null);
    }

    /// <summary>The Luhn (mod 10) check over every digit, the check digit last.</summary>
    public static bool Luhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>The brand from the number's issuer prefix, or null for one not accepted.</summary>
    public static string? BrandOf(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length < 6)
        {
            return null;
        }

        var two = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var four = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        var six = int.Parse(digits[..6], CultureInfo.InvariantCulture);
        return digits[0] switch
        {
            '4' => Brands.Visa,
            _ when two is >= 51 and <= 55 || four is >= 2221 and <= 2720 => Brands.Mastercard,
            _ when two is 34 or 37 => Brands.Amex,
            _ when four == 6011 || two == 65 || six is >= 644000 and <= 649999 => Brands.Discover,
            _ => null,
        };
    }

    private static bool LengthFits(string brand, int length) => brand switch
    {
        Brands.Visa => length is 13 or 16 or 19,
        Brands.Amex => length == 15,
        Brands.Discover => length is >= 16 and <= 19,
        _ => length == 16,
    };

    private static string Display(string brand) => brand switch
    {
        Brands.Amex => "American Express",
        Brands.Mastercard => "Mastercard",
        Brands.Discover => "Discover",
        _ => "Visa",
    };

    /// <summary>Brand names as stored and shown.</summary>
    internal static class Brands
    {
        public const string Visa = "visa";
        public const string Mastercard = "mastercard";
        public const string Amex = "amex";
        public const string Discover = "discover";
    }
}
