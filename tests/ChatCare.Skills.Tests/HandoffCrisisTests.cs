namespace ChatCare.Skills.Tests;

/// <summary>Crisis words (STD-H2) against a form in progress: anger inside a complaint is part of it, self-harm never is.</summary>
public sealed class HandoffCrisisTests
{
    [Fact]
    public async Task InsultsInsideAComplaintForm_DoNotInterruptIt_ButSelfHarmWordsDo() // STD-H2
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();
        await c.SayAsync("quiero poner un reclamo");
        await c.SayAsync("Acepto");
        await c.SayAsync("No, gracias");
        Assert.True((await c.SayAsync("Reclamo")).Says("nombre completo"));

        var angry = await c.SayAsync("son unos ladrones y unos estafadores");
        Assert.False(angry.Says("Lamento mucho que esté pasando por esto"), angry.Text);
        Assert.NotNull((await c.StateAsync()).ActiveSkill);

        var selfHarm = await c.SayAsync("ya no puedo más, me quiero matar");
        Assert.True(selfHarm.Says("número de emergencias"), selfHarm.Text);
        Assert.True(selfHarm.Says("+51 1 555 0100"), selfHarm.Text); // no people on this installation: the contact channels
    }

    [Fact]
    public async Task InsultsOutsideAnyForm_GetCalmWords() // STD-H2
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();
        var reply = await c.SayAsync("son unos inútiles, nadie responde");
        Assert.True(reply.Says("Lamento mucho que esté pasando por esto"), reply.Text);
    }
}
