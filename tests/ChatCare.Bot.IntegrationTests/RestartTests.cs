namespace ChatCare.Bot.IntegrationTests;

public sealed class RestartTests
{
    [Fact]
    public async Task ConversationMidDialog_SurvivesAHostRestartWithTheSameDataDirectory()
    {
        string dataDirectory;
        string conversationId;
        using (var before = new ChatCareApplication())
        {
            dataDirectory = before.DataDirectory;
            var bot = new BotClient(before.CreateClient());
            conversationId = bot.ConversationId;
            await bot.JoinAsync();
            var answer = await bot.SayAsync("¿cuál es el horario de atención de las tiendas?");
            Assert.Contains("¿Esta información resuelve su consulta?", BotClient.Text(answer), StringComparison.Ordinal);
        }

        using var after = new ChatCareApplication(dataDirectory);
        var resumed = new BotClient(after.CreateClient(), conversationId);
        var reply = await resumed.SendAsync(new Core.Activities.Activity { Type = "message", Id = "after-restart-1", Text = "Sí, gracias" });

        // The pending "did this answer your question?" survived: the yes is understood in context, with no new greeting.
        var text = BotClient.Text(reply);
        Assert.StartsWith("¡Me alegra haberle ayudado!", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Soy Sofía", text, StringComparison.Ordinal);
    }
}
