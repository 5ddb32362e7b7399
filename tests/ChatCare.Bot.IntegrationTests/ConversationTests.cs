using System.Net;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>Whole conversations through the real host on Kestrel, over the Bot Framework protocol.</summary>
public sealed class ConversationTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Health_Answers200()
    {
        using var response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SpanishConversation_GreetingParaphrasedFaqAndFarewell() // STD-G1, G2, F1, F2, X1
    {
        host.App.Clock.Now = new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero); // 09:00 in Lima
        var bot = new BotClient(host.Client);

        var welcome = await bot.JoinAsync();
        var answer = await bot.SayAsync("oiga, se puede pagar en cuotas sin intereses con tarjeta?");
        var resolved = await bot.SayAsync("sí, gracias");
        var goodbye = await bot.SayAsync("no, nada más");

        Assert.StartsWith("¡Buenos días! Soy Sofía", BotClient.Text(welcome), StringComparison.Ordinal);
        Assert.Contains("Hablar con una persona", BotClient.Buttons(welcome));
        Assert.Equal("typing", answer[0].Type);
        Assert.Contains("cuotas", BotClient.Text(answer), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("¿Esta información resuelve su consulta?", BotClient.Text(answer), StringComparison.Ordinal);
        Assert.Contains("¿Hay algo más en lo que le pueda ayudar?", BotClient.Text(resolved), StringComparison.Ordinal);
        Assert.Contains("¡Que tenga un buen día!", BotClient.Text(goodbye), StringComparison.Ordinal);
        Assert.All(answer, reply => Assert.Equal(bot.ConversationId, reply.Conversation!.Id));
    }

    [Fact]
    public async Task EnglishConversation_AtNight() // STD-G1, G3
    {
        host.App.Clock.Now = new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero); // 21:00 in Lima
        var bot = new BotClient(host.Client);

        var first = await bot.SayAsync("Good evening, can I pick up my online order in a store?");
        var goodbye = await bot.SayAsync("thanks, bye");

        Assert.StartsWith("Good evening! I'm Sofía", BotClient.Text(first), StringComparison.Ordinal);
        Assert.Contains("Does this answer your question?", BotClient.Text(first), StringComparison.Ordinal);
        Assert.Contains("Is there anything else", BotClient.Text(goodbye), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Afternoon_GreetsWithBuenasTardes() // STD-G1
    {
        host.App.Clock.Now = new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero); // 15:00 in Lima

        var welcome = await new BotClient(host.Client).JoinAsync();

        Assert.StartsWith("¡Buenas tardes!", BotClient.Text(welcome), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfScope_IsSaidPlainly() // STD-N2
    {
        var bot = new BotClient(host.Client);
        await bot.JoinAsync();

        var reply = await bot.SayAsync("¿me ayudas con mi tarea de matemáticas? cuánto es la raíz de 144");

        Assert.Contains("fuera de lo que puedo atender", BotClient.Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeliveredActivity_IsAnsweredOnce()
    {
        var bot = new BotClient(host.Client);
        await bot.JoinAsync();
        var activity = new Core.Activities.Activity { Type = "message", Id = "fixed-id-1", Text = "¿cómo pido factura?" };

        var first = await bot.SendAsync(activity);
        var again = await bot.SendAsync(activity);

        Assert.NotEmpty(first);
        Assert.Empty(again);
    }
}
