using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;
using ChatCare.Skills.NeedIdentification;

namespace ChatCare.Skills.Tests;

public sealed class NeedIdentificationTests
{
    [Fact]
    public async Task OutOfScope_SaysSoPlainlyWithWhatItCanDoAndTheWayToAPerson() // STD-N2
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();

        var reply = await conversation.SayAsync("¿me recomiendas una receta de lomo saltado?");

        Assert.True(reply.Says("fuera de lo que puedo atender"), reply.Text);
        Assert.Contains("Hablar con una persona", reply.Buttons);
    }

    [Fact]
    public async Task TwoMisunderstandingsInARow_LeadToAPerson() // STD-H1
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();

        await conversation.SayAsync("¿quién ganó el mundial de 1986?");
        var second = await conversation.SayAsync("dime el horóscopo de escorpio para hoy");

        Assert.True(second.Says("Lamento no estar entendiéndole"), second.Text);
        Assert.True(second.Says("+51 1 555 0100"), second.Text);
    }

    [Fact]
    public void Confirm_UnsureUnderstanding_AsksDidYouMeanWithTheClosestTopicsAsButtons() // STD-N1
    {
        using var bot = new TestBot();
        var need = bot.Get<NeedIdentificationSkill>();
        var turn = Turn("algo del envío");
        var utterance = new Utterance("algo del envío", "es", true,
            [new IntentScore("shipping-costs", 0.4f), new IntentScore("shipping-times", 0.3f), new IntentScore("greeting", 0.1f)], ConfidenceBand.Confirm);

        need.Confirm(turn, utterance);

        var reply = Assert.Single(turn.Replies);
        Assert.Contains("¿Se refiere a alguno de estos temas?", reply.Text, StringComparison.Ordinal);
        Assert.Equal(3, reply.SuggestedActions!.Actions.Count);
        Assert.Equal(["shipping-costs", "shipping-times"], turn.State.Need.Candidates);
    }

    [Fact]
    public async Task ChoosingAConfirmedTopic_AnswersIt() // STD-N1
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        var state = await conversation.StateAsync();
        var pending = state with { ActiveSkill = SkillNames.NeedIdentification, Need = new NeedState { Candidates = ["shipping-costs", "shipping-times"] } };
        var stored = await bot.Stores.GetAsync(conversation.Id, TestContext.Current.CancellationToken);
        await bot.Stores.TrySaveAsync(pending, stored!.ETag, TestContext.Current.CancellationToken);

        var reply = await conversation.SayAsync("2");

        Assert.Equal(bot.Get<Core.Knowledge.IKnowledgeBase>().Find("shipping-times", "es")!.Answer, reply.Messages[0].Text);
    }

    [Fact]
    public async Task AskingForAPerson_AtAnyPoint_GetsContactChannels() // STD-H1
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        await conversation.SayAsync("¿cómo cambio una talla?");

        var reply = await conversation.SayAsync("prefiero hablar con una persona de verdad");

        Assert.True(reply.Says("atencion@tiendasaurora.example"), reply.Text);
        Assert.Contains(Intents.HumanAgent, (await conversation.StateAsync()).Intents);
    }

    [Fact]
    public async Task ChannelWithoutButtons_GetsNumberedOptionsAndANumberChooses() // STD-G4
    {
        using var bot = new TestBot(capabilities: ChannelCapabilities.PlainText);
        var conversation = bot.Conversation();
        var welcome = await conversation.JoinAsync();

        var reply = await conversation.SayAsync("2");

        Assert.Contains("\n2. ", welcome.Text, StringComparison.Ordinal);
        Assert.Empty(welcome.Buttons);
        Assert.Equal("shipping-times", (await conversation.StateAsync()).Faq.LastAnsweredId);
        Assert.NotEmpty(reply.Messages);
    }

    private static TurnContext Turn(string text) => new(
        new Activity { Type = ActivityTypes.Message, Text = text, Conversation = new ConversationAccount("c") },
        ConversationState.New("c", "test", "es", DateTimeOffset.UnixEpoch), ChannelCapabilities.Full, DateTimeOffset.UnixEpoch)
    { Text = text };
}
