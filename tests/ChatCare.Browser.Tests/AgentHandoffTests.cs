using ChatCare.Handoff.Queue;
using ChatCare.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ChatCare.Browser.Tests.ChatPageTests;
using static Microsoft.Playwright.Assertions;

namespace ChatCare.Browser.Tests;

/// <summary>
/// Two pages in headless Chromium: a customer in <c>/chat</c> asks for a person, an agent in <c>/agent</c> accepts from the live
/// queue, they write both ways, the agent closes, the customer answers the satisfaction question (STD-H1, H3, H4, X2, X3).
/// </summary>
public sealed class AgentHandoffTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CustomerAsksForAPerson_AgentAcceptsInTheConsole_TheyChat_AgentCloses_CustomerRates()
    {
        var ct = TestContext.Current.CancellationToken;
        var saved = await fixture.App.Services.GetRequiredService<StaffDirectory>()
            .SaveAsync(new StaffAccountRequest("marta", "Marta Ruiz", StaffRoles.Agent, "browser-test-password", ["support"]), ct);
        Assert.NotNull(saved.Account);

        // The agent signs in; the console connects to the hub (which makes her available).
        var agent = await fixture.NewPageAsync("es-ES");
        await agent.GotoAsync(fixture.Url("/agent/"));
        await Expect(agent.Locator("#login h1")).ToHaveTextAsync("Iniciar sesión");
        await agent.FillAsync("#user", "marta");
        await agent.FillAsync("#password", "browser-test-password");
        await agent.ClickAsync("#login button[type=submit]");
        await Expect(agent.Locator("#live")).ToHaveTextAsync("en vivo");
        await Expect(agent.Locator("#me")).ToContainTextAsync("Marta Ruiz");

        // The customer asks for a person in their own words and is told their place (STD-H1, H3).
        var customer = await fixture.NewPageAsync("es-ES");
        await customer.GotoAsync(fixture.Url("/chat"));
        await Expect(BotBubble(customer, "¡Buenos días!")).ToBeVisibleAsync();
        await SendAsync(customer, "¿cuánto cuesta el envío?");
        await Expect(BotBubble(customer, "Gratis")).ToBeVisibleAsync();
        await SendAsync(customer, "quiero hablar con una persona");
        await Expect(BotBubble(customer, "Su lugar en la fila es el 1")).ToBeVisibleAsync();

        // The live queue shows the customer without a reload; the summary says what happened before (STD-H4).
        var entry = agent.Locator("#queue li[data-conversation]");
        await Expect(entry).ToHaveCountAsync(1);
        await entry.ClickAsync();
        await Expect(agent.Locator("#summary")).ToContainTextAsync("pidió una persona");
        await Expect(agent.Locator("#summary")).ToContainTextAsync("Costo de envío");
        await Expect(agent.Locator("#transcript li.customer", new() { HasText = "¿cuánto cuesta el envío?" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(agent, "handoff-agent-queue");
        await agent.ClickAsync("#accept");
        await Expect(BotBubble(customer, "Marta Ruiz, del equipo de atención al cliente")).ToBeVisibleAsync();
        await Expect(agent.Locator("#mine li[data-conversation]")).ToHaveCountAsync(1);

        // Agent → customer with a canned response from prompts/, under the agent's name.
        await agent.SelectOptionAsync("#canned", new SelectOptionValue { Label = "greeting" });
        await Expect(agent.Locator("#text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Hola, soy Marta Ruiz"));
        await agent.ClickAsync("#reply button[type=submit]");
        await Expect(BotBubble(customer, "Hola, soy Marta Ruiz")).ToBeVisibleAsync();

        // Customer → agent: it appears live in the console, and the assistant says nothing (STD-H4).
        var botBubbles = await customer.Locator(".webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble").CountAsync();
        await SendAsync(customer, "Mi pedido 12345 no ha llegado");
        await Expect(agent.Locator("#transcript li.customer", new() { HasText = "Mi pedido 12345 no ha llegado" })).ToBeVisibleAsync();
        await agent.FillAsync("#text", "Ya lo revisé: llega mañana.");
        await agent.ClickAsync("#reply button[type=submit]");
        await Expect(BotBubble(customer, "Ya lo revisé: llega mañana.")).ToBeVisibleAsync();
        Assert.Equal(botBubbles + 1, await customer.Locator(".webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble").CountAsync());
        await BrowserFixture.ScreenshotAsync(agent, "handoff-agent-conversation");
        await BrowserFixture.ScreenshotAsync(customer, "handoff-customer-with-agent");

        // The agent closes with a disposition; the customer answers the satisfaction question (STD-X2) and is back with Sofía.
        await agent.SelectOptionAsync("#disposition", "resolved");
        await agent.ClickAsync("#close button");
        await Expect(BotBubble(customer, "del 1 (muy mala) al 5 (excelente)")).ToBeVisibleAsync();
        await SuggestedAction(customer, "5").ClickAsync();
        await Expect(BotBubble(customer, "qué podríamos mejorar")).ToBeVisibleAsync();
        await SendAsync(customer, "Muy rápida, gracias");
        await Expect(BotBubble(customer, "Gracias por su opinión")).ToBeVisibleAsync();
        await Expect(agent.Locator("#mine li[data-conversation]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(customer, "handoff-customer-rated");

        // Typified for the supervisor (STD-X3).
        var records = await fixture.App.Services.GetRequiredService<ITypificationStore>()
            .ListAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, ct);
        var record = Assert.Single(records, r => r.Agent == "marta");
        Assert.Equal((Outcomes.ResolvedByAgent, 5, "Muy rápida, gracias"), (record.Outcome, record.Rating, record.Comment));
    }
}
