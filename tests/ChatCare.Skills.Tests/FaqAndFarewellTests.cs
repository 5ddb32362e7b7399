namespace ChatCare.Skills.Tests;

public sealed class FaqAndFarewellTests
{
    [Fact]
    public async Task ParaphrasedQuestion_IsAnsweredFromTheKnowledgeBaseAndFollowedUp() // STD-F1, F2
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        var expected = bot.Get<Core.Knowledge.IKnowledgeBase>().Find("returns-policy", "es")!.Answer;

        var reply = await conversation.SayAsync("tengo cuántos días para devolver algo que no me gustó?");

        Assert.Equal(expected, reply.Messages[0].Text);
        Assert.True(reply.Says("¿Esta información resuelve su consulta?"), reply.Text);
        Assert.Contains("Sí, gracias", reply.Buttons);
        Assert.True(reply.Buttons.Count > 2, "related topics are offered (STD-F2)");
    }

    [Fact]
    public async Task Resolved_AsksAnythingElse_ThenSaysGoodbyeByTimeOfDay() // STD-X1
    {
        using var bot = new TestBot(now: new DateTimeOffset(2026, 3, 10, 21, 0, 0, TimeSpan.Zero)); // 16:00 in Lima
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        await conversation.SayAsync("¿qué medios de pago aceptan?");

        var resolved = await conversation.SayAsync("Sí, gracias");
        var goodbye = await conversation.SayAsync("no, eso es todo");

        Assert.True(resolved.Says("¿Hay algo más en lo que le pueda ayudar?"), resolved.Text);
        Assert.True(goodbye.Says("Quedamos a su disposición"), goodbye.Text);
        Assert.True(goodbye.Says("¡Que tenga una buena tarde!"), goodbye.Text);
        Assert.True((await conversation.StateAsync()).Closed);
    }

    [Fact]
    public async Task Goodbye_WithoutBeingAsked_FirstAsksIfAnythingElseIsNeeded() // STD-X1
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();

        var first = await conversation.SayAsync("chau");
        var second = await conversation.SayAsync("no gracias");

        Assert.True(first.Says("¿Hay algo más"), first.Text);
        Assert.False(first.Says("Quedamos a su disposición"));
        Assert.True(second.Says("Quedamos a su disposición"), second.Text);
    }

    [Fact]
    public async Task NotResolved_OffersToRephraseOrAPerson()
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        await conversation.SayAsync("¿cuánto cuesta el envío?");

        var reply = await conversation.SayAsync("No del todo");

        Assert.True(reply.Says("Lamento que no haya sido suficiente"), reply.Text);
        Assert.Contains("Hablar con una persona", reply.Buttons);
    }

    [Fact]
    public async Task EnglishConversation_IsAnsweredInEnglish() // STD-G3, F1
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();

        var reply = await conversation.SayAsync("Hi! how long does delivery take?");

        Assert.StartsWith("Good morning!", reply.Text, StringComparison.Ordinal);
        Assert.Equal(bot.Get<Core.Knowledge.IKnowledgeBase>().Find("shipping-times", "en")!.Answer, reply.Messages[1].Text);
        Assert.True(reply.Says("Does this answer your question?"), reply.Text);
        Assert.Equal("en", (await conversation.StateAsync()).Language);
    }

    [Fact]
    public async Task LanguageSwitch_MidConversation_IsFollowed() // STD-G3
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.SayAsync("hola");

        var reply = await conversation.SayAsync("sorry, do you speak English? what payment methods do you accept?");

        Assert.True(reply.Says("Does this answer your question?"), reply.Text);
    }

    [Fact]
    public async Task PressingATopicButton_AnswersThatTopic()
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        var welcome = await conversation.JoinAsync();
        var title = welcome.Buttons[0];

        await conversation.SayAsync(title);

        Assert.Equal("order-tracking", (await conversation.StateAsync()).Faq.LastAnsweredId);
    }
}
