using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Ekopz.Tests.Browser.Support;

/// <summary>
/// One person's browser: a fresh context (own cookies) on the shared Chromium. Helpers keep the
/// journeys readable: sign in, fill a field by its label, press a button by its text, save a
/// screenshot, run axe-core.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    public IPage Page { get; }
    public ConsoleHost Host { get; }
    private readonly List<string> _consoleErrors = [];

    private ConsoleBrowser(ConsoleHost host, IBrowserContext context, IPage page)
    {
        Host = host;
        _context = context;
        Page = page;
        // A page that breaks its own content security policy, or throws, shows up here.
        page.Console += (_, message) => { if (message.Type == "error") _consoleErrors.Add(message.Text); };
        page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    public static async Task<ConsoleBrowser> Open(int width = 1280, int height = 900) => await Open(await ConsoleHost.Instance, width, height);

    public static async Task<ConsoleBrowser> Open(ConsoleHost host, int width = 1280, int height = 900)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new ConsoleBrowser(host, context, page);
    }

    /// <summary>A phone: 360x740, as the cheapest Android phones show pages.</summary>
    public static Task<ConsoleBrowser> Phone() => Open(360, 740);

    public async Task SignIn(string username, string password = ConsoleKoperasi.Password)
    {
        await Page.GotoAsync("/masuk");
        await Page.GetByLabel("Nama pengguna").FillAsync(username);
        await Page.GetByLabel("Kata sandi").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
        // The landing page (a dashboard of several API reads) can take long while the HTTP suite loads both cores.
        await Page.WaitForURLAsync(u => !u.Contains("/masuk"), new() { Timeout = 90_000 });
    }

    public Task Fill(string label, string value) => Page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    public Task Press(string button) => Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    public Task Follow(string link) => Page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync();

    public Task Choose(string label) => Page.GetByLabel(label, new() { Exact = true }).CheckAsync();

    public ILocator Text(string text) => Page.GetByText(text, new() { Exact = false });

    public async Task<string> Heading() => (await Page.Locator("h1").First.InnerTextAsync()).Trim();

    /// <summary>Saves a full-page screenshot under the test output (screenshots/NAME.png) for a person to look at.</summary>
    public async Task Screenshot(string name)
    {
        var dir = Environment.GetEnvironmentVariable("EKOPZ_SCREENSHOTS") is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    /// <summary>axe-core on the current page: the serious and critical violations (none is the goal).</summary>
    public async Task<IReadOnlyList<string>> SeriousAccessibilityProblems()
    {
        var result = await Page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
