namespace ChatCare.Skills.Tests;

public sealed class GreetingSkillTests
{
    [Theory] // STD-G1: America/Lima is UTC-5.
    [InlineData(14, "¡Buenos días!")]
    [InlineData(19, "¡Buenas tardes!")]
    [InlineData(3, "¡Buenas noches!")]
    public async Task Join_GreetsByLocalTimeOfDay(int utcHour, string expected)
    {
        using var bot = new TestBot(now: new DateTimeOffset(2026, 3, 10, utcHour, 0, 0, TimeSpan.Zero));

        var reply = await bot.Conversation().JoinAsync();

        Assert.StartsWith(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_IntroducesNameRoleOrganisationAndThatItIsAutomated() // STD-G2
    {
        using var bot = new TestBot(new() { ["ChatCare:Persona:Name"] = "Lucía", ["ChatCare:Organisation:Name"] = "Zapatería Lima" });

        var reply = await bot.Conversation().JoinAsync();

        Assert.True(reply.Says("Soy Lucía, asistente virtual de atención al cliente de Zapatería Lima"), reply.Text);
        Assert.True(reply.Says("asistente automático"), reply.Text);
        Assert.Contains("Hablar con una persona", reply.Buttons);
    }

    [Fact]
    public async Task FirstMessage_InEnglish_GreetsInEnglish() // STD-G3
    {
        using var bot = new TestBot();

        var reply = await bot.Conversation().SayAsync("Hello there, good morning");

        Assert.StartsWith("Good morning!", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Says("I'm an automated assistant"), reply.Text);
    }

    [Fact]
    public async Task Register_Tu_AddressesTheCustomerAsTu() // STD-G3
    {
        using var bot = new TestBot(new() { ["ChatCare:FormalRegister"] = "tú" });

        var reply = await bot.Conversation().JoinAsync();

        Assert.True(reply.Says("¿En qué te puedo ayudar hoy?"), reply.Text);
    }

    [Fact]
    public async Task FirstMessage_WithAQuestion_GreetsAndAnswersInTheSameTurn()
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();

        var reply = await conversation.SayAsync("hola, ¿dónde está mi pedido? quiero rastrearlo");

        Assert.StartsWith("¡Buenos días!", reply.Text, StringComparison.Ordinal);
        Assert.Equal("order-tracking", (await conversation.StateAsync()).Faq.LastAnsweredId);
    }

    [Theory] // STD-G1, N2: a first message that is out of scope is answered, not passed over by the welcome.
    [InlineData("¿cuál es la capital de Australia?")]
    [InlineData("hola, ¿cómo recupero mi cuenta de Facebook?")]
    public async Task FirstMessage_OutOfScope_GreetsAndSaysSoPlainly(string text)
    {
        using var bot = new TestBot();

        var reply = await bot.Conversation().SayAsync(text);

        Assert.StartsWith("¡Buenos días!", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Says("fuera de lo que puedo atender"), reply.Text);
        Assert.Contains("Hablar con una persona", reply.Buttons);
    }

    [Fact]
    public async Task AreYouABot_SaysItIsAutomatedAndOffersAPerson() // STD-G2, H1
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();

        var reply = await conversation.SayAsync("¿eres un robot o una persona real?");

        Assert.True(reply.Says("no una persona"), reply.Text);
        Assert.Contains("Hablar con una persona", reply.Buttons);
    }
}
