using System.Net;
using System.Text;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;

namespace PalmKey.Server.Tests.Payments;

/// <summary>
/// PCI DSS v4 3.3 and 3.5: the card number is never stored or logged. Cards given at enrollment and in
/// self-service, bad cards and a checkout go through the server; then the database files (while it runs
/// and after) and every log line are searched for the numbers and the security codes.
/// </summary>
public sealed class CardNumberPrivacyTests
{
    private const string Phone = "+15550100001";

    [Fact]
    public async Task No_card_number_or_security_code_is_in_the_database_files_or_the_logs()
    {
        var enrollmentCard = ValidVisa(new Random(11));
        var selfServiceCard = ValidVisa(new Random(12));
        var mistyped = enrollmentCard[..^1] + (char)('0' + ((enrollmentCard[^1] - '0' + 1) % 10));
        var folder = Directory.CreateTempSubdirectory("palmkey-pan-").FullName;
        try
        {
            var logs = string.Empty;
            await using (var factory = await new PalmKeyServerFactory(folder).StartAsync())
            {
                using var tenant = await TestTenant.CreateAsync(factory);
                var enrollmentId = await tenant.VerifiedEnrollmentAsync(Phone);
                var refused = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/card", new CardRequest(mistyped, 12, 2030, "987"));
                var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CardInvalid);
                Assert.DoesNotContain(mistyped, problem.GetRawText(), StringComparison.Ordinal);
                var card = await (await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/card", new CardRequest(enrollmentCard, 12, 2030, "987"))).ReadAsync<CardView>();
                Assert.Equal(enrollmentCard[^4..], card.Last4);
                await (await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollmentId}/palms", TestTenant.Palms(("left", SyntheticPalm.Captures(1))))).ReadAsync<EnrolledResponse>(HttpStatusCode.Created);

                using var me = await tenant.SignInAsync(Phone);
                await (await me.SendPostAsync("/v1/me/cards", new CardRequest(selfServiceCard, 6, 2029, "654"))).ReadAsync<CardView>(HttpStatusCode.Created);
                await (await me.SendRawAsync("/v1/me/cards", $$"""{"number":"{{selfServiceCard}}","expiryMonth":"june"}""")).ProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedJson);
                Assert.Equal("approved", (await (await tenant.CheckoutAsync(1, 0, 100, "order-1")).ReadAsync<CheckoutResponse>()).Outcome);
                await (await me.SendGetAsync("/v1/me/export")).ReadAsync<ExportDocument>();

                AssertAbsent(AtRestTests.DatabaseFiles(folder), "while running", enrollmentCard, selfServiceCard, mistyped);
                logs = string.Join('\n', factory.Logs.Lines);
            }

            AssertAbsent(AtRestTests.DatabaseFiles(folder), "after stopping", enrollmentCard, selfServiceCard, mistyped);
            Assert.NotEmpty(logs);
            // As whole runs of digits: a 3-digit security code also turns up inside timings such as "38.1654ms".
            foreach (var secret in new[] { enrollmentCard, selfServiceCard, mistyped, enrollmentCard[..12], selfServiceCard[..12], "987", "654" })
            {
                Assert.DoesNotMatch($"(?<![0-9]){secret}(?![0-9])", logs);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_search_finds_a_card_number_when_it_is_there()
    {
        var number = ValidVisa(new Random(13));
        var files = new Dictionary<string, byte[]> { ["palmkey.db"] = [.. new byte[64], .. Encoding.Unicode.GetBytes(number), .. new byte[64]] };

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertAbsent(files, "planted", number));
    }

    private static void AssertAbsent(Dictionary<string, byte[]> files, string when, params string[] numbers)
    {
        var needles = new List<(string Name, byte[] Bytes)>();
        foreach (var number in numbers)
        {
            foreach (var form in new[] { number, number[..12], $"{number[..4]} {number[4..8]} {number[8..12]} {number[12..]}" })
            {
                needles.Add(($"card number {form[..4]}... utf-8", Encoding.UTF8.GetBytes(form)));
                needles.Add(($"card number {form[..4]}... utf-16le", Encoding.Unicode.GetBytes(form)));
            }
        }

        AtRestTests.AssertAbsent(needles, files, when);
    }

    private static string ValidVisa(Random random)
    {
        var body = "4" + string.Concat(Enumerable.Range(0, 14).Select(_ => (char)('0' + random.Next(10))));
        return body + Enumerable.Range(0, 10).Select(d => (char)('0' + d)).First(d => CardCheck.Luhn(body + d));
    }
}
