using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Tests;

public sealed class ProblemTests : IClassFixture<ProblemTests.Server>
{
    private readonly Server _server;

    public ProblemTests(Server server)
    {
        _server = server;
    }

    [Theory]
    [InlineData("{\"frames\": [")]
    [InlineData("not json")]
    [InlineData("{\"frames\": 12, \"purpose\": \"checkout\"}")]
    [InlineData("{\"frames\": [\"%%% not base64 %%%\"], \"purpose\": \"checkout\"}")]
    public async Task Malformed_json_gets_a_400_that_says_where(string body)
    {
        var tenant = await _server.TenantAsync();

        var response = await tenant.Device.SendRawAsync("/v1/identify", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedJson);
        Assert.DoesNotContain("%%%", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_body_gets_a_400()
    {
        var tenant = await _server.TenantAsync();

        var response = await tenant.Device.PostAsync(new Uri("/v1/identify", UriKind.Relative), null, TestContext.Current.CancellationToken);

        await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
    }

    [Fact]
    public async Task A_corrupt_image_gets_a_422_that_names_the_frame_and_the_problem()
    {
        var tenant = await _server.TenantAsync();
        var png = SyntheticPalm.Png(1, 0);

        var truncated = await tenant.IdentifyAsync(tenant.LeadingFrame(png[..(png.Length / 2)]));
        var tiny = await tenant.IdentifyAsync(tenant.LeadingFrame(ImageCodec.EncodePng(new GrayImage(16, 16, new byte[256]))));
        var enrollment = await tenant.VerifiedEnrollmentAsync($"+1555010{Random.Shared.Next(1000, 9999)}");
        var badCapture = await tenant.Device.SendPostAsync($"/v1/enrollments/{enrollment}/palms", TestTenant.Palms(("left", [png, png[..200], png])));

        var problem = await truncated.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.InvalidImage);
        Assert.StartsWith("Frame 0: PNG", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await tiny.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.PoorQuality);
        var captureProblem = await badCapture.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.InvalidImage);
        Assert.Equal(1, captureProblem.GetProperty("frame").GetInt32());
        Assert.StartsWith("left palm: Frame 1", captureProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_upload_gets_a_413_whether_or_not_it_declares_its_length()
    {
        var tenant = await _server.TenantAsync();
        var huge = new string('A', 17 * 1024 * 1024);
        var body = $"{{\"frames\": [\"{huge}\"], \"purpose\": \"checkout\"}}";

        var declared = await tenant.Device.SendRawAsync("/v1/identify", body);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/identify", UriKind.Relative))
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        var undeclared = await tenant.Device.SendAsync(chunked, TestContext.Current.CancellationToken);
        var smallEndpoint = await tenant.Admin.SendRawAsync("/v1/admin/sites", $"{{\"name\": \"{new string('x', 100_000)}\"}}");

        await declared.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        await undeclared.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        await smallEndpoint.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
    }

    [Fact]
    public async Task Unknown_routes_wrong_methods_missing_and_wrong_credentials_get_problem_details()
    {
        var tenant = await _server.TenantAsync();
        using var anonymous = _server.Factory.CreateClient();
        using var forged = _server.Factory.ClientWith("pka_" + new string('a', 52));
        using var notOurs = _server.Factory.ClientWith("ghp_somebodyelsestoken");

        await (await tenant.Admin.SendGetAsync("/v1/admin/nothing-here")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await tenant.Admin.SendPutAsync("/v1/admin/transparency", new { })).ProblemAsync(HttpStatusCode.MethodNotAllowed, Problems.MethodNotAllowed);
        await (await anonymous.SendGetAsync("/v1/admin/settings")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        await (await forged.SendGetAsync("/v1/admin/settings")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        await (await notOurs.SendGetAsync("/v1/admin/settings")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        await (await tenant.Device.SendGetAsync("/v1/admin/settings")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        await (await tenant.Admin.SendPostAsync("/v1/identify", new IdentifyRequest([SyntheticPalm.Png(1, 0)], "checkout", null))).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        Assert.Equal("Bearer", (await anonymous.SendGetAsync("/v1/admin/settings")).Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Health_is_split_into_live_and_ready_and_the_openapi_document_lists_every_endpoint()
    {
        using var anonymous = _server.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendGetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendGetAsync("/health/ready")).StatusCode);
        var document = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        foreach (var path in new[] { "/v1/identify", "/v1/enrollments/{enrollmentId}/palms", "/v1/me/export", "/v1/admin/transparency", "/v1/operator/tenants" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    public sealed class Server : IAsyncLifetime
    {
        private TestTenant? _tenant;

        internal PalmKeyServerFactory Factory { get; } = new();

        internal async Task<TestTenant> TenantAsync() => _tenant ??= await TestTenant.CreateAsync(Factory);

        public async ValueTask InitializeAsync() => await Factory.StartAsync();

        public async ValueTask DisposeAsync()
        {
            _tenant?.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
