using ChatCare.Bot.IntegrationTests;
using Microsoft.Playwright;

namespace ChatCare.Browser.Tests;

/// <summary>
/// The real ChatCare host on Kestrel plus Debian's headless Chromium driven by Playwright, shared by the tests of a class
/// (<c>IClassFixture&lt;BrowserFixture&gt;</c>). Subclass it to configure the host (<see cref="HostSettings"/>) or to start other
/// loopback servers first (<see cref="BeforeHostStartsAsync"/>). Chromium missing is a failure, never a skip.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Environment variable naming another Chromium executable; default <c>/usr/bin/chromium</c>.</summary>
    public const string ChromiumVariable = "CHATCARE_CHROMIUM";

    /// <summary>Environment variable naming another folder for test artefacts; default <c>tests/artifacts</c> in the repository.</summary>
    public const string ArtifactsVariable = "CHATCARE_TEST_ARTIFACTS";

    private readonly List<IBrowserContext> _contexts = [];
    private ChatCareApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running host (its services, clock and data directory).</summary>
    public ChatCareApplication App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The host's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The browser; each test opens its own context through <see cref="NewPageAsync"/>.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Where screenshots and other artefacts go: <c>$CHATCARE_TEST_ARTIFACTS</c>, else <c>tests/artifacts</c> in the repository.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable(ArtifactsVariable) is { Length: > 0 } configured)
            {
                return Path.GetFullPath(configured);
            }
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChatCare.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "artifacts");
                }
            }
            return Path.Combine(AppContext.BaseDirectory, "artifacts");
        }
    }

    /// <summary>The Chromium executable: <c>$CHATCARE_CHROMIUM</c> or <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>An absolute URL on the host.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    /// <summary>Starts the host and the browser.</summary>
    public virtual async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium, or set {ChromiumVariable}). Browser tests need it.");
        }
        // The first page load parses a 4 MB bundle and may train nothing, but the machine is shared: be patient, not flaky.
        Assertions.SetDefaultExpectTimeout(15_000);
        await BeforeHostStartsAsync();
        _app = new ChatCareApplication(settings: HostSettings());
        using (var client = _app.CreateClient())
        {
            BaseAddress = client.BaseAddress!;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A page in a fresh browser context (own storage) whose language is <paramref name="locale"/> (navigator and Accept-Language).</summary>
    public async Task<IPage> NewPageAsync(string locale = "es-ES")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1000, Height = 800 },
        });
        lock (_contexts)
        {
            _contexts.Add(context);
        }
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>Saves a full-page screenshot as <c>{ArtifactsDirectory}/screenshots/{name}.png</c> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ArtifactsDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Settings the host starts with (e.g. <c>ChatCare:Channels:DirectLine:AllowedOrigins:0</c>).</summary>
    protected virtual Dictionary<string, string?> HostSettings() => [];

    /// <summary>Runs before the host starts: start other servers here whose addresses go into <see cref="HostSettings"/>.</summary>
    protected virtual ValueTask BeforeHostStartsAsync() => ValueTask.CompletedTask;

    /// <summary>Closes the browser and stops the host.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _app?.Dispose();
        GC.SuppressFinalize(this);
    }
}
