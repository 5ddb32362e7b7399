using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatCare.Browser.Tests;

/// <summary>Two company sites on their own loopback origins, one of them in AllowedOrigins; the host is started after them.</summary>
public sealed class WidgetFixture : BrowserFixture
{
    /// <summary>A site listed in <c>ChatCare:Channels:DirectLine:AllowedOrigins</c>.</summary>
    public StaticSite Shop { get; private set; } = null!;

    /// <summary>A site that is not listed.</summary>
    public StaticSite Stranger { get; private set; } = null!;

    protected override async ValueTask BeforeHostStartsAsync()
    {
        Shop = await StaticSite.StartAsync();
        Stranger = await StaticSite.StartAsync();
    }

    protected override Dictionary<string, string?> HostSettings() => new()
    {
        ["ChatCare:Channels:DirectLine:AllowedOrigins:0"] = Shop.OriginText,
        ["ChatCare:WebChat:AccentColor"] = "#8A1538",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // The pages name the ChatCare host, whose address is known only now.
        Shop.Html = () => ShopPage("Tiendas Aurora · Zapatillas");
        Stranger.Html = () => ShopPage("Another site");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Shop.DisposeAsync();
        await Stranger.DisposeAsync();
    }

    private string ShopPage(string title) => $"""
        <!DOCTYPE html>
        <html lang="es">
        <head><meta charset="utf-8"><title>{title}</title></head>
        <body style="font-family: sans-serif; background: #fafafa">
          <h1>{title}</h1>
          <p>Zapatillas, ropa y accesorios.</p>
          <script src="{Url("/widget.js")}" async></script>
        </body>
        </html>
        """;
}

/// <summary>The widget script on a company's page: a bubble that opens the chat in a frame (STD-G4 buttons inside).</summary>
public sealed class WidgetTests(WidgetFixture fixture) : IClassFixture<WidgetFixture>
{
    [Fact]
    public async Task OnAnAllowedSite_TheBubbleOpensTheChat_ThatGreetsAndAnswers_AndItsCloseButtonClosesIt()
    {
        var page = await fixture.NewPageAsync("es-ES");
        await page.GotoAsync(fixture.Shop.Origin.ToString());

        var bubble = page.Locator("#chatcare-widget .bubble");
        await Expect(bubble).ToHaveAttributeAsync("aria-label", "Abrir el chat de atención al cliente");
        await Expect(bubble).ToHaveCSSAsync("background-color", "rgb(138, 21, 56)");
        // Nothing of the chat is loaded until the customer opens it.
        await Expect(page.Locator("#chatcare-widget iframe")).ToHaveCountAsync(0);

        await bubble.ClickAsync();
        var chat = page.FrameLocator("#chatcare-widget iframe");
        await Expect(chat.Locator(".chat-header h1")).ToHaveTextAsync("Tiendas Aurora");
        await Expect(chat.Locator(".webchat__bubble", new() { HasText = "¡Buenos días!" }).First).ToBeVisibleAsync();

        await chat.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Button, new() { Name = "Medios de pago", Exact = true }).ClickAsync();
        await Expect(chat.Locator(".webchat__bubble", new() { HasText = "Yape, Plin y PagoEfectivo" }).Last).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "widget-open");

        await chat.Locator("#chatcare-close").ClickAsync();
        await Expect(page.Locator("#chatcare-widget .panel")).ToBeHiddenAsync();
        await Expect(bubble).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task OnAnUnlistedSite_TheChatCannotBeFramed_NorCanItsScriptTakeAToken()
    {
        var page = await fixture.NewPageAsync("es-ES");
        await page.GotoAsync(fixture.Stranger.Origin.ToString());
        var refused = page.WaitForConsoleMessageAsync(new()
        {
            Predicate = m => m.Text.Contains("frame-ancestors", StringComparison.Ordinal),
        });

        await page.Locator("#chatcare-widget .bubble").ClickAsync();

        // Chromium reports the frame-ancestors refusal on the console ("Framing '…' violates … frame-ancestors 'self' …").
        Assert.Contains(fixture.BaseAddress.GetLeftPart(UriPartial.Authority), (await refused).Text, StringComparison.Ordinal);
        await Expect(page.FrameLocator("#chatcare-widget iframe").Locator(".chat-header")).ToHaveCountAsync(0);
        var tokenCall = await page.EvaluateAsync<string>(
            "url => fetch(url, { method: 'POST' }).then(r => 'status ' + r.status, e => 'blocked: ' + e.name)", fixture.Url("/chat/token"));
        Assert.StartsWith("blocked", tokenCall, StringComparison.Ordinal);
    }
}
