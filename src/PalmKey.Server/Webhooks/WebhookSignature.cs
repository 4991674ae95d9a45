using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace PalmKey.Server.Webhooks;

/// <summary>
/// The signature on webhooks and ticketing checks, in the <c>PalmKey-Signature</c> header:
/// <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" under the tenant's signing secret&gt;</c>.
/// The time is signed with the body so that a receiver can refuse old or replayed deliveries.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string Header = "PalmKey-Signature";

    /// <summary>Signs a body as sent at a time.</summary>
    /// <param name="secret">The tenant's signing secret, as shown when it was made (<c>whsec_...</c>).</param>
    /// <param name="unixSeconds">The send time.</param>
    /// <param name="body">The exact body bytes as UTF-8 text.</param>
    /// <returns>The header value.</returns>
    public static string Sign(string secret, long unixSeconds, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>A POST of a JSON body, signed for the time it is sent: how webhooks and ticketing checks go out.</summary>
    internal static HttpRequestMessage SignedPost(string url, string secret, DateTimeOffset now, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(Header, Sign(secret, now.ToUnixTimeSeconds(), body));
        return request;
    }

    /// <summary>Checks a header value against a body, in constant time, and that it is not older than the tolerance.</summary>
    /// <param name="secret">The signing secret.</param>
    /// <param name="header">The received header value.</param>
    /// <param name="body">The received body.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">How old a signature may be.</param>
    /// <returns>Whether the signature is valid and fresh.</returns>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes($"t={t},v1={v1}"));
    }
}
