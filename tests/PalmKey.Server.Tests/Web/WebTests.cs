using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PalmKey.Server.Apis.Models;
using static Microsoft.Playwright.Assertions;

namespace PalmKey.Server.Tests.Web;

/// <summary>
/// The kiosk, the portal and the console in a real browser (Debian's chromium through Playwright)
/// against the server on a Kestrel socket on 127.0.0.1. The kiosk is a real device: it makes its key
/// pair with WebCrypto, activates with a code from the admin, signs every request and seals bodies.
/// </summary>
public sealed class WebTests
{
    private const string Phone = "+15550100100";

    [Fact]
    public async Task Kiosk_enrollment_then_checkout_shows_in_the_portal_until_the_palm_and_account_are_deleted()
    {
        var palm = Directory.GetDirectories(TestData.RequireDataset("tongji-roi")).Order(StringComparer.Ordinal).First();
        var session1 = Directory.GetFiles(palm, "s1_*").Order(StringComparer.Ordinal).Take(3).ToArray();
        var session2 = Directory.GetFiles(palm, "s2_*").Order(StringComparer.Ordinal).Take(6).Select(File.ReadAllBytes).ToArray();
        await using var chromium = await Chromium.LaunchAsync();
        await using var factory = await StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var kiosk = await (await tenant.Admin.SendPostAsync("/v1/admin/devices", new DeviceRequest("Kiosk", tenant.SiteId))).ReadAsync<DeviceRegisteredResponse>(HttpStatusCode.Created);

        var (page, errors) = await chromium.OpenAsync(factory.ServerAddress, Chromium.Phone);
        await page.GotoAsync("/kiosk/");
        await page.Locator("#activation-code").FillAsync(kiosk.ActivationCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate kiosk" }).ClickAsync();
        await Expect(page.Locator("#consent")).ToBeVisibleAsync();
        await Expect(page.Locator("#disclosure")).ToContainTextAsync("palm");
        await Expect(page.Locator("#progress li[aria-current=step]")).ToHaveTextAsync("Consent");
        await Chromium.ScreenshotAsync(page, "kiosk-consent");

        // Consent is required.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#consent-error")).ToContainTextAsync("agree");
        await page.GetByLabel("I have read this and I agree").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await page.GetByLabel("Mobile number", new() { Exact = true }).FillAsync(Phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(page.Locator("#code")).ToBeVisibleAsync();

        // A wrong code is refused with the server's reason; the code from the SMS outbox is accepted.
        await page.Locator("#otp-code").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("#code-error")).Not.ToBeEmptyAsync();
        await page.Locator("#otp-code").FillAsync(await tenant.LastCodeAsync(Phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry month (1–12)").FillAsync("12");
        await page.GetByLabel("Expiry year").FillAsync("2030");
        await page.GetByLabel("Security code").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
        await Expect(page.Locator("#palms")).ToBeVisibleAsync();

        // A frame without a palm first: the server's verdict and advice show on that picture.
        var blank = ImageCodec.EncodePng(new GrayImage(400, 300, Enumerable.Repeat((byte)128, 400 * 300).ToArray()));
        await page.GetByLabel("Add pictures of your palm").SetInputFilesAsync(
            [new FilePayload { Name = "blank.png", MimeType = "image/png", Buffer = blank }, .. session1.Select(f => new FilePayload { Name = Path.GetFileName(f), MimeType = "image/bmp", Buffer = File.ReadAllBytes(f) })]);
        await Expect(page.Locator("#captures li")).ToHaveCountAsync(4);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enroll my palm" }).ClickAsync();
        await Expect(page.Locator("#captures li.bad")).ToHaveCountAsync(1);
        await Expect(page.Locator("#captures li").First).ToContainTextAsync("Not usable");
        await Expect(page.Locator("#palms-error")).ToContainTextAsync("Picture 1 cannot be used");
        await Chromium.ScreenshotAsync(page, "kiosk-palm-verdict");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove picture 1" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enroll my palm" }).ClickAsync();
        await Expect(page.Locator("#done")).ToBeVisibleAsync();
        await Expect(page.Locator("#done-summary")).ToContainTextAsync("Visa ending 4242");
        await Expect(page.Locator("#done-summary")).ToContainTextAsync("delete your palm data");
        await Chromium.ScreenshotAsync(page, "kiosk-done");
        Assert.Empty(errors);

        // A checkout at the tenant's other device, hovering session 2 of the same palm.
        var paid = await (await tenant.Device.SendPostAsync("/v1/checkout", new CheckoutRequest(session2[..3], 1250, "USD", "ORDER-1", null))).ReadAsync<CheckoutResponse>();
        Assert.Equal("approved", paid.Outcome);

        var (portal, portalErrors) = await chromium.OpenAsync(factory.ServerAddress, Chromium.Phone);
        await portal.GotoAsync($"/portal/?tenant={tenant.TenantId}");
        await Expect(portal.GetByLabel("Business code")).ToHaveValueAsync(tenant.TenantId);
        await portal.GetByLabel("Mobile number", new() { Exact = true }).FillAsync(Phone);
        await portal.GetByRole(AriaRole.Button, new() { Name = "Send me a code" }).ClickAsync();
        await Expect(portal.Locator("#session-form")).ToBeVisibleAsync();
        await portal.GetByLabel("Six-digit code from the text message").FillAsync(await tenant.LastCodeAsync(Phone));
        await portal.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(portal.Locator("#usage")).ToContainTextAsync("checkout");
        await Expect(portal.Locator("#usage")).ToContainTextAsync("Main Street");
        await Expect(portal.Locator("#receipts")).ToContainTextAsync("ORDER-1");
        await Expect(portal.Locator("#receipts")).ToContainTextAsync("4242");
        await Expect(portal.Locator("#cards")).ToContainTextAsync("ending 4242");
        await Chromium.ScreenshotAsync(portal, "portal");

        // Cards and accounts: add, then remove.
        await portal.GetByLabel("Card number").FillAsync("5555555555554444");
        await portal.GetByLabel("Expiry month (1–12)").FillAsync("11");
        await portal.GetByLabel("Expiry year").FillAsync("2031");
        await portal.GetByLabel("Security code").FillAsync("321");
        await portal.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
        await Expect(portal.Locator("#cards")).ToContainTextAsync("Mastercard ending 4444");
        await portal.GetByRole(AriaRole.Button, new() { Name = "Remove Mastercard ending 4444" }).ClickAsync();
        await Expect(portal.Locator("#account-status")).ToHaveTextAsync("Card removed.");
        await Expect(portal.Locator("#cards")).Not.ToContainTextAsync("4444");
        await portal.GetByLabel("Number or account").FillAsync("LOY-9001");
        await portal.GetByRole(AriaRole.Button, new() { Name = "Link", Exact = true }).ClickAsync();
        await Expect(portal.Locator("#accounts")).ToContainTextAsync("loyalty: LOY-9001");
        await portal.GetByRole(AriaRole.Button, new() { Name = "Unlink loyalty LOY-9001" }).ClickAsync();
        await Expect(portal.Locator("#accounts")).ToContainTextAsync("No linked accounts.");

        var download = await portal.RunAndWaitForDownloadAsync(() => portal.GetByRole(AriaRole.Button, new() { Name = "Download my data" }).ClickAsync());
        Assert.Equal("palmkey-my-data.json", download.SuggestedFilename);
        using (var exported = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken)))
        {
            Assert.Equal(paid.Receipt!.PaymentId, exported.RootElement.GetProperty("profile").GetProperty("receipts")[0].GetProperty("paymentId").GetString());
        }

        await portal.GetByRole(AriaRole.Button, new() { Name = "Delete my palm data" }).ClickAsync();
        await Expect(portal.Locator("#account-status")).ToHaveTextAsync("Your palm data was deleted.");
        await Expect(portal.Locator("#palm-data")).ToHaveTextAsync("none (deleted)");
        var after = await (await tenant.Device.SendPostAsync("/v1/checkout", new CheckoutRequest(session2[3..], 900, "USD", "ORDER-2", null))).ReadAsync<CheckoutResponse>();
        Assert.Equal("not-recognized", after.Outcome);

        // A refund still pending holds up the cancellation: the portal lists it; once it settles, the purge deletes the account.
        await (await tenant.Admin.SendPostAsync($"/v1/admin/payments/{paid.Receipt.PaymentId}/refund", null)).ReadAsync<PaymentView>();
        await portal.GetByRole(AriaRole.Button, new() { Name = "Cancel my account" }).ClickAsync();
        await Expect(portal.Locator("#outstanding-list")).ToContainTextAsync("ORDER-1");
        await Expect(portal.Locator("#outstanding-list")).ToContainTextAsync("refund");
        await Expect(portal.Locator("#summary")).ToContainTextAsync("Cancellation");
        Assert.Single((await (await tenant.Admin.SendGetAsync("/v1/admin/customers")).ReadAsync<CustomerPage>()).Customers);

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await factory.Service<PalmKey.Server.Payments.PaymentSettlement>().RunAsync(TestContext.Current.CancellationToken));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<PalmKey.Server.Privacy.RetentionPurger>().RunAsync(TestContext.Current.CancellationToken)).Cancelled);
        }

        Assert.Empty((await (await tenant.Admin.SendGetAsync("/v1/admin/customers")).ReadAsync<CustomerPage>()).Customers);
        await portal.ReloadAsync();
        await Expect(portal.Locator("#sign-in")).ToBeVisibleAsync();

        // A deactivated kiosk forgets its key and asks for a new code.
        await (await tenant.Admin.SendPostAsync($"/v1/admin/devices/{kiosk.Device.DeviceId}/deactivate", null)).ReadAsync<DeviceResponse>();
        await page.ReloadAsync();
        await Expect(page.Locator("#setup")).ToBeVisibleAsync();
        await Expect(page.Locator("#activation-error")).ToContainTextAsync("deactivated");
        await page.ReloadAsync();
        await Expect(page.Locator("#setup")).ToBeVisibleAsync();
        Assert.Empty(portalErrors);
    }

    [Fact]
    public async Task Console_shows_devices_and_charts_deactivates_a_device_and_saves_settings()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var factory = await StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollWithCardAsync("+15550100200", 3);
        Assert.True((await tenant.IdentifyPalmAsync(3)).Recognized);
        Assert.False((await tenant.IdentifyPalmAsync(4)).Recognized);

        var (page, errors) = await chromium.OpenAsync(factory.ServerAddress, Chromium.Desktop);
        await page.GotoAsync("/console/");

        // Keyboard only: Tab to the key, type it, Enter submits.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#admin-key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(tenant.AdminKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#app")).ToBeVisibleAsync();
        await Expect(page.Locator("#tenant-name")).ToHaveTextAsync("Corner Shop");

        var today = factory.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator($"#enrollments-chart rect[data-day='{today}']")).ToHaveAttributeAsync("data-count", "1");
        await Expect(page.Locator($"#identifications-chart rect[data-day='{today}']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#purposes")).ToContainTextAsync("checkout");
        await Expect(page.Locator("#latency")).ToContainTextAsync("Over the last 2 identifications");
        await Expect(page.Locator("#transparency-report")).ToContainTextAsync("1 customers enrolled");

        var row = page.Locator("#device-list tr", new() { HasText = "Checkout 1" });
        await Expect(row).ToContainTextAsync("Active since");
        await Expect(row).ToContainTextAsync("Main Street");
        await Chromium.ScreenshotAsync(page, "console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate Checkout 1" }).ClickAsync();
        await Expect(page.Locator("#app-status")).ToHaveTextAsync("Checkout 1 was deactivated.");
        await Expect(row).ToContainTextAsync("Deactivated");
        using (var refused = await tenant.Device.SendGetAsync("/v1/enrollments/disclosure"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await page.GetByLabel("New site name").FillAsync("Harbour Road");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add site" }).ClickAsync();
        await Expect(page.Locator("#app-status")).ToHaveTextAsync("Site added.");
        await Expect(page.Locator("#site-list")).ToContainTextAsync("Harbour Road");
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Harbour Road" });
        await page.GetByLabel("Device name").FillAsync("Kiosk 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and get an activation code" }).ClickAsync();
        await Expect(page.Locator("#activation-code")).ToContainTextAsync("pkc_");
        await Expect(page.Locator("#device-list")).ToContainTextAsync("Waiting for activation");
        var first = await page.Locator("#activation-code").TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate Kiosk 2 (new activation code)" }).ClickAsync();
        await Expect(page.Locator("#activation-code")).Not.ToHaveTextAsync(first!);
        var kiosk = await factory.ActivateAsync((await page.Locator("#activation-code").TextContentAsync())!);
        await page.ReloadAsync();
        await Expect(page.Locator("#device-list tr", new() { HasText = "Kiosk 2" })).ToContainTextAsync("Active since");
        await Expect(page.Locator("#device-list tr", new() { HasText = "Kiosk 2" })).ToContainTextAsync("Harbour Road");
        Assert.StartsWith("dev_", kiosk.DeviceId, StringComparison.Ordinal);

        await page.GetByLabel("Delete after this many days without use").FillAsync("365");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator("#app-status")).ToHaveTextAsync("Settings saved.");
        Assert.Equal(365, (await (await tenant.Admin.SendGetAsync("/v1/admin/settings")).ReadAsync<SettingsResponse>()).DormancyDays);
        await Expect(page.Locator("#audit-list")).ToContainTextAsync("device.deactivated");
        await Expect(page.Locator("#audit-list")).ToContainTextAsync("settings.changed");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("/kiosk")]
    [InlineData("/portal")]
    [InlineData("/console")]
    public async Task Every_control_has_a_label_and_nothing_comes_from_another_origin(string path)
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var factory = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(factory.ServerAddress, Chromium.Phone);
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(factory.ServerAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        Assert.Contains("default-src 'self'", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var unlabeled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button')]
              .filter((c) => c.type !== 'hidden')
              .filter((c) => !(c.labels?.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || (c.tagName === 'BUTTON' && c.textContent.trim())))
              .map((c) => c.outerHTML)
            """);
        Assert.Empty(unlabeled);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.True(await page.Locator("h1").CountAsync() == 1);
        Assert.Empty(foreign);
        Assert.Empty(errors);
    }

    /// <summary>The server on 127.0.0.1, with a clock at the real time: the browser signs with its own clock.</summary>
    private static async Task<PalmKeyServerFactory> StartAsync() =>
        await new PalmKeyServerFactory(clock: new FakeClock(DateTimeOffset.UtcNow)).UseLoopback().StartAsync();
}
