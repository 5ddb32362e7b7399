using System.Collections.Concurrent;
using System.Text.Json;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatCare.Browser.Tests;

/// <summary>
/// <c>/chat</c> in headless Chromium: the official Web Chat bundle against ChatCare's Direct Line, with no secret configured
/// (the page's token comes from <c>POST /chat/token</c>). The clock is 15:00 UTC, morning in Lima.
/// </summary>
public sealed class ChatPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SpanishBrowser_IsGreeted_ClicksASuggestedAction_AsksAnFaq_AndReadsMarkdownAnswers()
    {
        var page = await fixture.NewPageAsync("es-ES");
        var frames = RecordStreamFrames(page);
        var token = page.WaitForResponseAsync(r => r.Url.EndsWith("/chat/token", StringComparison.Ordinal));

        await page.GotoAsync(fixture.Url("/chat"));
        Assert.True((await token).Ok);

        // The organisation's name and the page language (es-ES browser).
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator(".chat-header h1")).ToHaveTextAsync("Tiendas Aurora");
        await Expect(page.Locator(".chat-header p")).ToContainTextAsync("Sofía");

        // STD-G1, G2: greeted before typing, with the assistant's name and the organisation.
        var greeting = BotBubble(page, "¡Buenos días!");
        await Expect(greeting).ToBeVisibleAsync();
        await Expect(BotBubble(page, "Soy Sofía")).ToContainTextAsync("Tiendas Aurora");

        // STD-G4: the welcome's topics are buttons; one click asks about it.
        await SuggestedAction(page, "Plazos de envío").ClickAsync();
        var shipping = BotBubble(page, "Resto de ciudades");
        await Expect(shipping).ToBeVisibleAsync();
        // Markdown is rendered: **días hábiles** is bold, the list is a list.
        await Expect(shipping.Locator("strong", new() { HasText = "días hábiles" }).First).ToBeVisibleAsync();
        await Expect(shipping.Locator("li").First).ToBeVisibleAsync();

        // STD-N1, F1: a typed question answered from the knowledge base.
        await SendAsync(page, "¿qué medios de pago aceptan?");
        await Expect(BotBubble(page, "Yape, Plin y PagoEfectivo")).ToBeVisibleAsync();

        // The typing indicator reached the browser over the WebSocket before the answers.
        Assert.Contains(frames, f => f.Contains("\"type\":\"typing\"", StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "chat-es");
    }

    [Fact]
    public async Task EnglishBrowser_GetsEnglishPageAndGreeting()
    {
        var page = await fixture.NewPageAsync("en-US");

        await page.GotoAsync(fixture.Url("/chat"));

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator(".chat-header p")).ToContainTextAsync("virtual customer-service assistant");
        await Expect(BotBubble(page, "Good morning!")).ToBeVisibleAsync();
        // Web Chat's own texts follow the locale.
        await Expect(page.Locator("[data-id='webchat-sendbox-input']")).ToHaveAttributeAsync("placeholder", "Type your message");
        await SendAsync(page, "how can I pay?");
        await Expect(BotBubble(page, "Yape, Plin and PagoEfectivo")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "chat-en");
    }

    [Fact]
    public async Task HeroCardFromChatCare_RendersWithItsButton_AndAReloadKeepsTheConversation()
    {
        var page = await fixture.NewPageAsync("es-ES");
        var tokenResponse = page.WaitForResponseAsync(r => r.Url.EndsWith("/chat/token", StringComparison.Ordinal));
        await page.GotoAsync(fixture.Url("/chat"));
        using var issued = JsonDocument.Parse(await (await tokenResponse).TextAsync());
        var conversationId = issued.RootElement.GetProperty("conversationId").GetString()!;
        var userId = issued.RootElement.GetProperty("userId").GetString()!;
        await Expect(BotBubble(page, "¡Buenos días!")).ToBeVisibleAsync();

        // A message sent outside a turn (as an agent or a reminder would be), carrying a hero card.
        var messenger = fixture.App.Services.GetRequiredService<IProactiveMessenger>();
        var card = new HeroCard
        {
            Title = "Zapatillas Aurora Run",
            Text = "Talla 38 disponible en **Lima**.",
            Buttons = [CardAction.OpenUrl("Ver producto", "https://www.tiendasaurora.example/p/run")],
        };
        await messenger.SendAsync(new ConversationReference("directline", conversationId, null, new ChannelAccount(userId, null, "user"), null),
            [new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.FromHeroCard(card)] }], TestContext.Current.CancellationToken);

        var rendered = page.Locator(".ac-adaptiveCard", new() { HasText = "Zapatillas Aurora Run" });
        await Expect(rendered).ToBeVisibleAsync();
        await Expect(rendered.GetByRole(AriaRole.Button, new() { Name = "Ver producto" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "chat-hero-card");

        // A reload in the same tab continues the conversation and replays its history.
        var newTokens = 0;
        page.Request += (_, request) => newTokens += request.Url.EndsWith("/chat/token", StringComparison.Ordinal) ? 1 : 0;
        await page.ReloadAsync();
        await Expect(page.Locator(".ac-adaptiveCard", new() { HasText = "Zapatillas Aurora Run" })).ToBeVisibleAsync();
        await Expect(page.Locator(".webchat__bubble", new() { HasText = "¡Buenos días!" })).ToHaveCountAsync(1);
        Assert.Equal(0, newTokens);
    }

    internal static ILocator BotBubble(IPage page, string text) =>
        page.Locator(".webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble", new() { HasText = text }).Last;

    internal static ILocator SuggestedAction(IPage page, string title) =>
        page.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    internal static async Task SendAsync(IPage page, string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    private static ConcurrentQueue<string> RecordStreamFrames(IPage page)
    {
        var frames = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => frames.Enqueue(frame.Text ?? "");
        return frames;
    }
}
