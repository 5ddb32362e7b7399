using ChatCare.Core.Conversations;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Core.Understanding;

namespace ChatCare.Skills.Tests;

public sealed class SkillRouterTests
{
    [Fact]
    public async Task QuestionInTheMiddleOfAForm_IsAnsweredAndTheFormResumes()
    {
        var form = new NameFormSkill();
        using var bot = new TestBot(extraSkills: [form]);
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        await StartFormAsync(bot, conversation);

        var reply = await conversation.SayAsync("¿qué medios de pago aceptan?");

        Assert.Equal("payment-methods", (await conversation.StateAsync()).Faq.LastAnsweredId);
        Assert.True(reply.Says("Sigamos: ¿cuál es su nombre?"), reply.Text);
        Assert.Equal(NameFormSkill.SkillName, (await conversation.StateAsync()).ActiveSkill);

        var next = await conversation.SayAsync("Rosa Quispe");
        Assert.True(next.Says("Gracias, Rosa Quispe"), next.Text);
        Assert.Null((await conversation.StateAsync()).ActiveSkill);
    }

    [Fact]
    public async Task RequestForAPersonInTheMiddleOfAForm_IsHandledAndTheFormResumes() // STD-H1
    {
        using var bot = new TestBot(extraSkills: [new NameFormSkill()]);
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        await StartFormAsync(bot, conversation);

        var reply = await conversation.SayAsync("quiero hablar con un asesor");

        Assert.True(reply.Says("+51 1 555 0100"), reply.Text);
        Assert.True(reply.Says("Sigamos: ¿cuál es su nombre?"), reply.Text);
    }

    [Fact]
    public async Task State_SurvivesBetweenTurnsAsTypedRecord()
    {
        using var bot = new TestBot();
        var conversation = bot.Conversation();
        await conversation.JoinAsync();
        await conversation.SayAsync("¿cómo pido factura?");

        var state = await conversation.StateAsync();

        Assert.Equal(FaqStep.AwaitingResolution, state.Faq.Step);
        Assert.Equal(SkillNames.Faq, state.ActiveSkill);
        Assert.Contains("invoices", state.Intents);
        Assert.Equal(2, state.TurnCount);
    }

    private static async Task StartFormAsync(TestBot bot, Transcript conversation)
    {
        var stored = await bot.Stores.GetAsync(conversation.Id, TestContext.Current.CancellationToken);
        await bot.Stores.TrySaveAsync(stored!.State with { ActiveSkill = NameFormSkill.SkillName }, stored.ETag, TestContext.Current.CancellationToken);
    }

    /// <summary>A one-question form: declines knowledge-base questions so the router answers them, then resumes.</summary>
    private sealed class NameFormSkill : IResumableSkill
    {
        public const string SkillName = "test-form";

        public string Name => SkillName;

        public ValueTask<SkillResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            if (turn.Utterance is { Band: ConfidenceBand.Answer } u && u.Top.Label.Contains('-', StringComparison.Ordinal))
            {
                return ValueTask.FromResult(SkillResult.Declined);
            }
            turn.Reply($"Gracias, {turn.Text}.");
            turn.State = turn.State with { ActiveSkill = null };
            return ValueTask.FromResult(SkillResult.Completed);
        }

        public ValueTask<SkillResult> ResumeAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            turn.Reply("Sigamos: ¿cuál es su nombre?");
            return ValueTask.FromResult(SkillResult.Waiting);
        }
    }
}
