using Microsoft.Playwright;

namespace PalmKey.Server.Tests.Web;

/// <summary>
/// Debian's chromium driven by Playwright. Browsers are never downloaded (no <c>playwright install</c>):
/// the tests use <c>/usr/bin/chromium</c>, which test.sh installs, and skip where it is missing.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Phone width, for the kiosk.</summary>
    public static ViewportSize Phone { get; } = new() { Width = 390, Height = 844 };

    /// <summary>Desktop width, for the console.</summary>
    public static ViewportSize Desktop { get; } = new() { Width = 1280, Height = 900 };

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Skip($"{ExecutablePath} not found: the browser tests need Debian's chromium (apt-get install chromium; test.sh installs it).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Arguments });
        return new Chromium(playwright, browser);
    }

    /// <summary>A fresh page on the server, failing the test on any script error the page raises.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(Uri server, ViewportSize viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString(), ViewportSize = viewport, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        page.SetDefaultTimeout(30_000);
        return (page, errors);
    }

    /// <summary>Saves a screenshot under docs/screenshots when PALMKEY_SCREENSHOTS=1 (how the README's are made).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PALMKEY_SCREENSHOTS") != "1" || TestData.RepositoryRoot is null)
        {
            return;
        }

        var folder = Path.Combine(TestData.RepositoryRoot, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
