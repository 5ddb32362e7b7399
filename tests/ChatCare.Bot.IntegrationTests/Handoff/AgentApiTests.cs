using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static ChatCare.Bot.IntegrationTests.Handoff.HandoffHost;

namespace ChatCare.Bot.IntegrationTests.Handoff;

/// <summary>The agent API with customers on Direct Line and agents over HTTP (STD-H1..H4, N3, X2, X3).</summary>
public sealed class AgentApiTests
{
    private const string AskPerson = "quiero hablar con una persona";

    [Fact]
    public async Task TwoAgentsAcceptingAtOnce_ExactlyOneWins_TheOtherGets409() // STD-H4
    {
        await using var host = await StartAsync();
        var ana = await host.AgentAsync("ana");
        var luis = await host.AgentAsync("luis");
        var customer = await host.CustomerAsync();

        var queued = Customer.Texts(await customer.SayAsync(AskPerson));
        Assert.Contains("Su lugar en la fila es el 1", queued, StringComparison.Ordinal); // STD-H3

        var path = $"/api/agent/conversations/{customer.ConversationId}/accept";
        var answers = await Task.WhenAll(ana.PostAsync(path, null, Ct), luis.PostAsync(path, null, Ct));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal("application/problem+json", answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.Headers.ContentType?.MediaType);

        var joined = await customer.WaitForAsync("se unió a la conversación");
        Assert.Contains("atención al cliente", Customer.Text(joined), StringComparison.Ordinal);
        Assert.Empty((await JsonAsync(await ana.GetAsync("/api/agent/queue", Ct))).EnumerateArray());
    }

    [Fact]
    public async Task WhileAnAgentOwnsIt_TheAssistantIsSilent_MessagesFlowBothWays_CloseAsksSatisfaction_ThenTheAssistantIsBack() // STD-H4, X2, X3
    {
        await using var host = await StartAsync();
        var luis = await host.AgentAsync("luis");
        var customer = await host.CustomerAsync();
        await customer.SayAsync("¿cuánto cuesta el envío?");
        await customer.SayAsync(AskPerson);
        Assert.Equal(HttpStatusCode.OK, (await luis.PostAsync($"/api/agent/conversations/{customer.ConversationId}/accept", null, Ct)).StatusCode);
        await customer.WaitForAsync("se unió");

        // Agent → customer, on the customer's channel, with the agent's name.
        using var sent = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/messages", new { text = "Hola, reviso su envío." }, Ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.True((await JsonAsync(sent)).GetProperty("delivered").GetBoolean());
        var fromAgent = await customer.WaitForAsync("Hola, reviso su envío.");
        Assert.Equal("Luis Díaz", fromAgent.GetProperty("from").GetProperty("name").GetString());
        Assert.StartsWith("**Luis Díaz:**", Customer.Text(fromAgent), StringComparison.Ordinal);

        // Customer → agent: the assistant stays silent, the agent sees it in the transcript.
        Assert.Empty(await customer.SayAsync("¿cuánto cuesta el envío?"));
        await Task.Delay(300, Ct);
        Assert.Empty(await customer.ReadAsync());
        var view = await JsonAsync(await luis.GetAsync($"/api/agent/conversations/{customer.ConversationId}", Ct));
        var lines = view.GetProperty("transcript").EnumerateArray().ToList();
        Assert.Equal("customer", lines[^1].GetProperty("from").GetString());
        Assert.Equal("¿cuánto cuesta el envío?", lines[^1].GetProperty("text").GetString());
        Assert.Contains(lines, l => l.GetProperty("from").GetString() == "agent");
        Assert.Contains(lines, l => l.GetProperty("from").GetString() == "assistant");
        Assert.Contains("shipping-costs", view.GetProperty("intents").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("directline", view.GetProperty("channel").GetString());
        Assert.NotEmpty(view.GetProperty("summary").GetProperty("answered").EnumerateArray());
        Assert.NotEmpty(view.GetProperty("cannedResponses").EnumerateArray());

        // Notes are private: the customer never sees them.
        using var note = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/notes", new { text = "cliente frecuente" }, Ct);
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Empty(await customer.ReadAsync());

        // Close with a disposition outside the list: 400; with one from the list: the satisfaction question.
        using var badClose = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/close", new { disposition = "whatever" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badClose.StatusCode);
        host.App.Clock.Now += TimeSpan.FromMinutes(4);
        using var close = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/close", new { disposition = "resolved" }, Ct);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var question = await customer.WaitForAsync("del 1 (muy mala) al 5 (excelente)");
        Assert.Equal(["1", "2", "3", "4", "5"], question.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()));

        Assert.Contains("qué podríamos mejorar", Customer.Texts(await customer.SayAsync("5")), StringComparison.Ordinal);
        Assert.Contains("Gracias por su opinión", Customer.Texts(await customer.SayAsync("Muy amable y rápido")), StringComparison.Ordinal);

        // Back with the assistant.
        Assert.Contains("Gratis", Customer.Texts(await customer.SayAsync("¿cuánto cuesta el envío?")), StringComparison.Ordinal);

        // Typified for the supervisor (STD-X3) with the satisfaction answer (STD-X2).
        var sara = await host.AgentAsync("sara");
        var record = (await JsonAsync(await sara.GetAsync("/api/agent/records", Ct))).EnumerateArray()
            .Single(r => r.GetProperty("conversationId").GetString() == customer.ConversationId);
        Assert.Equal("resolved_by_agent", record.GetProperty("outcome").GetString());
        Assert.Equal("luis", record.GetProperty("agent").GetString());
        Assert.Equal("directline", record.GetProperty("channel").GetString());
        Assert.Equal(5, record.GetProperty("rating").GetInt32());
        Assert.Equal("Muy amable y rápido", record.GetProperty("comment").GetString());
        Assert.Equal(240, record.GetProperty("handlingSeconds").GetDouble());
        Assert.Contains("human_agent", record.GetProperty("intents").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await luis.GetAsync("/api/agent/records", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnAgentAtCapacity_Gets409_AndAnotherAgentTakesTheCustomer()
    {
        await using var host = await StartAsync();
        var ana = await host.AgentAsync("ana"); // capacity 1
        var luis = await host.AgentAsync("luis");
        var first = await host.CustomerAsync();
        var second = await host.CustomerAsync();
        await first.SayAsync(AskPerson);
        Assert.Contains("Su lugar en la fila es el 2", Customer.Texts(await second.SayAsync(AskPerson)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsync($"/api/agent/conversations/{first.ConversationId}/accept", null, Ct)).StatusCode);
        using var full = await ana.PostAsync($"/api/agent/conversations/{second.ConversationId}/accept", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("capacity", (await JsonAsync(full)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The queue moved: the second customer is told their new place (STD-H3).
        await second.WaitForAsync("ahora es el número 1");
        Assert.Equal(HttpStatusCode.OK, (await luis.PostAsync($"/api/agent/conversations/{second.ConversationId}/accept", null, Ct)).StatusCode);
        var mine = await JsonAsync(await luis.GetAsync("/api/agent/mine", Ct));
        Assert.Equal(second.ConversationId, Assert.Single(mine.EnumerateArray()).GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task ACustomerInCrisis_GetsCalmWords_AndGoesFirstInTheQueue() // STD-H2
    {
        await using var host = await StartAsync();
        var luis = await host.AgentAsync("luis");
        var calm = await host.CustomerAsync();
        var upset = await host.CustomerAsync();
        var shouting = await host.CustomerAsync();
        await calm.SayAsync(AskPerson);

        var answer = Customer.Texts(await upset.SayAsync("son unos idiotas, llevo una semana esperando mi pedido"));
        Assert.Contains("Lamento mucho que esté pasando por esto", answer, StringComparison.Ordinal);
        Assert.Contains("Su lugar en la fila es el 1", answer, StringComparison.Ordinal);
        Assert.Contains("con prioridad", Customer.Texts(await shouting.SayAsync("NADIE ME RESPONDE Y YA ESTOY HARTO DE ESPERAR")), StringComparison.Ordinal);

        var queue = (await JsonAsync(await luis.GetAsync("/api/agent/queue", Ct))).EnumerateArray().ToList();
        Assert.Equal([upset.ConversationId, shouting.ConversationId, calm.ConversationId], queue.Select(q => q.GetProperty("conversationId").GetString()));
        Assert.Equal(2, queue[0].GetProperty("priority").GetInt32());
        Assert.Equal("crisis", queue[0].GetProperty("reason").GetString());
        Assert.Equal(0, queue[2].GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task SelfHarmWords_GetTheEmergencyLine_AndPriority() // STD-H2
    {
        await using var host = await StartAsync();
        await host.AgentAsync("luis");
        var customer = await host.CustomerAsync();
        var answer = Customer.Texts(await customer.SayAsync("ya no puedo más, me quiero morir"));
        Assert.Contains("número de emergencias", answer, StringComparison.Ordinal);
        Assert.Contains("Su lugar en la fila", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ToATeam_RequeuesForThatTeam_AndToAnAgent_HandsItOver() // STD-N3
    {
        await using var host = await StartAsync();
        var luis = await host.AgentAsync("luis");
        var vera = await host.AgentAsync("vera");
        var customer = await host.CustomerAsync();
        await customer.SayAsync(AskPerson);
        Assert.Empty((await JsonAsync(await vera.GetAsync("/api/agent/queue", Ct))).EnumerateArray()); // a support case: not in sales' queue
        await luis.PostAsync($"/api/agent/conversations/{customer.ConversationId}/accept", null, Ct);

        using var unknown = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/transfer", new { team = "legal" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var notMine = await vera.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/transfer", new { team = "sales" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, notMine.StatusCode);

        using var toSales = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/transfer", new { team = "sales" }, Ct);
        Assert.Equal(HttpStatusCode.OK, toSales.StatusCode);
        await customer.WaitForAsync("Le transfiero al equipo de ventas");
        var salesQueue = (await JsonAsync(await vera.GetAsync("/api/agent/queue", Ct))).EnumerateArray().ToList();
        Assert.Equal("sales", Assert.Single(salesQueue).GetProperty("team").GetString());
        Assert.Empty((await JsonAsync(await luis.GetAsync("/api/agent/mine", Ct))).EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await vera.PostAsync($"/api/agent/conversations/{customer.ConversationId}/accept", null, Ct)).StatusCode);
        using var toLuis = await vera.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/transfer", new { agent = "luis" }, Ct);
        Assert.Equal(HttpStatusCode.OK, toLuis.StatusCode);
        await customer.WaitForAsync("Luis Díaz continuará atendiéndole");
        using var luisWrites = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/messages", new { text = "Sigo yo." }, Ct);
        Assert.Equal(HttpStatusCode.OK, luisWrites.StatusCode);

        using var back = await luis.PostAsync($"/api/agent/conversations/{customer.ConversationId}/return-to-bot", null, Ct);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        await customer.WaitForAsync("le devuelve con Sofía");
        Assert.Contains("Gratis", Customer.Texts(await customer.SayAsync("¿cuánto cuesta el envío?")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfHours_OffersAMessage_WhichBecomesATicketInTheQueue() // STD-H3
    {
        await using var host = await StartAsync(now: new DateTimeOffset(2026, 3, 15, 15, 0, 0, TimeSpan.Zero)); // Sunday in Lima
        var luis = await host.AgentAsync("luis");
        var customer = await host.CustomerAsync();

        var offer = await customer.SayAsync(AskPerson);
        Assert.Contains("no está atendiendo", Customer.Texts(offer), StringComparison.Ordinal);
        Assert.Contains("Dejar un mensaje", offer.SelectMany(a => a.TryGetProperty("suggestedActions", out var s)
            ? s.GetProperty("actions").EnumerateArray().Select(b => b.GetProperty("title").GetString()) : []));
        Assert.Contains("Escriba su nombre, su número", Customer.Texts(await customer.SayAsync("Que me llamen")), StringComparison.Ordinal);
        Assert.Contains("registré su pedido de llamada", Customer.Texts(await customer.SayAsync("Rosa, 987 654 321, mañana a las 10")), StringComparison.Ordinal);

        var ticket = Assert.Single((await JsonAsync(await luis.GetAsync("/api/agent/queue", Ct))).EnumerateArray());
        Assert.Equal("callback", ticket.GetProperty("kind").GetString());
        Assert.Contains("987 654 321", ticket.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodyAvailable_OffersAMessage_AndNeverRefuses() // STD-H1, H3
    {
        await using var host = await StartAsync();
        var customer = await host.CustomerAsync();
        var offer = Customer.Texts(await customer.SayAsync(AskPerson));
        Assert.Contains("no hay personas disponibles", offer, StringComparison.Ordinal);
        Assert.Contains("+51 1 555 0100", offer, StringComparison.Ordinal);
        Assert.Contains("De acuerdo", Customer.Texts(await customer.SayAsync("No, gracias")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingTheWait_IsRecordedAsAbandoned() // STD-X3
    {
        await using var host = await StartAsync();
        await host.AgentAsync("luis");
        var customer = await host.CustomerAsync();
        await customer.SayAsync(AskPerson);
        host.App.Clock.Now += TimeSpan.FromMinutes(2);
        var still = Customer.Texts(await customer.SayAsync("¿sigo en la fila?"));
        Assert.Contains("Sigue en la fila", still, StringComparison.Ordinal);
        Assert.Contains("ya no está en la fila", Customer.Texts(await customer.SayAsync("Dejar de esperar")), StringComparison.Ordinal);

        var sara = await host.AgentAsync("sara");
        var record = Assert.Single((await JsonAsync(await sara.GetAsync("/api/agent/records", Ct))).EnumerateArray());
        Assert.Equal("abandoned", record.GetProperty("outcome").GetString());
        Assert.Equal(120, record.GetProperty("waitingSeconds").GetDouble());
        Assert.Empty((await JsonAsync(await sara.GetAsync("/api/agent/queue", Ct))).EnumerateArray());
    }

    [Fact]
    public async Task TheQueue_SurvivesARestart()
    {
        string directory;
        string conversationId;
        await using (var host = await StartAsync())
        {
            await host.AgentAsync("luis");
            var customer = await host.CustomerAsync();
            await customer.SayAsync(AskPerson);
            conversationId = customer.ConversationId;
            directory = host.App.DataDirectory;
        }
        await using var after = new ChatCareApplication(directory);
        after.Clock.Now = OpenHours;
        var luis = Staff.StaffClient.As(after, await Staff.StaffClient.LoginAsync(after.CreateClient(), "luis"));
        var queue = (await JsonAsync(await luis.GetAsync("/api/agent/queue", Ct))).EnumerateArray().ToList();
        Assert.Equal(conversationId, Assert.Single(queue).GetProperty("conversationId").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/agent/queue")]
    [InlineData("GET", "/api/agent/conversations/x")]
    [InlineData("POST", "/api/agent/conversations/x/accept")]
    [InlineData("POST", "/api/agent/conversations/x/messages")]
    [InlineData("POST", "/api/agent/conversations/x/close")]
    [InlineData("POST", "/hubs/agent/negotiate?negotiateVersion=1")]
    public async Task WithoutAToken_Is401(string method, string path)
    {
        await using var host = await StartAsync();
        using var response = await host.App.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BadBodies_Are400_AndUnknownConversations404()
    {
        await using var host = await StartAsync();
        var luis = await host.AgentAsync("luis");
        Assert.Equal(HttpStatusCode.NotFound, (await luis.PostAsync("/api/agent/conversations/nope/accept", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await luis.GetAsync("/api/agent/conversations/nope", Ct)).StatusCode);
        var customer = await host.CustomerAsync();
        await customer.SayAsync(AskPerson);
        await luis.PostAsync($"/api/agent/conversations/{customer.ConversationId}/accept", null, Ct);
        using var empty = await luis.PostAsJsonAsync($"/api/agent/conversations/{customer.ConversationId}/messages", new { text = "  " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var malformed = await luis.PostAsync($"/api/agent/conversations/{customer.ConversationId}/messages", BotClient.Json("{\"text\":"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
