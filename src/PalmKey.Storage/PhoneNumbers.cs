namespace PalmKey.Storage;

/// <summary>Normalizes mobile numbers to E.164 (a plus sign and 8 to 15 digits). Thread-safe.</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// Normalizes a number written in international form: <c>+</c> or <c>00</c>, then the country code
    /// and number, with optional spaces, dashes, dots and parentheses.
    /// </summary>
    /// <param name="input">The number as typed.</param>
    /// <param name="e164">The normalized number, such as <c>+15550100123</c>.</param>
    /// <returns>False where the input is not an international number.</returns>
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        Span<char> digits = stackalloc char[40];
        var count = 0;
        var text = input.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = text[2..];
        }
        else if (text.StartsWith('+'))
        {
            text = text[1..];
        }
        else
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        if (count is < 8 or > 15 || digits[0] == '0')
        {
            return false;
        }

        e164 = "+" + new string(digits[..count]);
        return true;
    }
}
