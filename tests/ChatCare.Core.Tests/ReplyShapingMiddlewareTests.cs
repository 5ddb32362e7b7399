using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;
using ChatCare.Core.Turns;
using ChatCare.Core.Turns.Middleware;

namespace ChatCare.Core.Tests;

public sealed class ReplyShapingMiddlewareTests
{
    private static TurnContext Turn(ChannelCapabilities capabilities) => new(
        new Activity { Type = ActivityTypes.Message, Text = "hola", Conversation = new ConversationAccount("c") },
        ConversationState.New("c", "test", "es", DateTimeOffset.UnixEpoch), capabilities, DateTimeOffset.UnixEpoch);

    private static Task AskAsync(TurnContext turn, CancellationToken ct)
    {
        turn.Reply("¿Qué desea?", [CardAction.ImBack("Envíos", "Envíos"), CardAction.ImBack("Pagos", "Pagos")]);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Channel_WithoutButtons_GetsNumberedOptions() // STD-G4
    {
        var turn = Turn(ChannelCapabilities.PlainText);

        await new ReplyShapingMiddleware(new ChatCare.Understanding.Text.MarkdigConverter()).OnTurnAsync(turn, AskAsync, TestContext.Current.CancellationToken);

        var reply = Assert.Single(turn.Replies);
        Assert.Equal("¿Qué desea?\n\n1. Envíos\n2. Pagos", reply.Text);
        Assert.Null(reply.SuggestedActions);
        Assert.Equal(["Envíos", "Pagos"], turn.State.OfferedOptions.Select(o => o.Value));
    }

    [Fact]
    public async Task Channel_WithoutMarkdown_GetsPlainText()
    {
        var turn = Turn(ChannelCapabilities.PlainText);

        await new ReplyShapingMiddleware(new ChatCare.Understanding.Text.MarkdigConverter()).OnTurnAsync(turn, (t, _) =>
        {
            t.Reply("Envío **gratis** desde S/ 199.");
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);

        Assert.Equal("Envío gratis desde S/ 199.", Assert.Single(turn.Replies).Text);
    }

    [Fact]
    public async Task Channel_WithButtons_KeepsSuggestedActions()
    {
        var turn = Turn(ChannelCapabilities.Full);

        await new ReplyShapingMiddleware(new ChatCare.Understanding.Text.MarkdigConverter()).OnTurnAsync(turn, AskAsync, TestContext.Current.CancellationToken);

        Assert.Equal(2, Assert.Single(turn.Replies).SuggestedActions!.Actions.Count);
    }

    [Fact]
    public async Task Channel_WithFewerButtonsThanOffered_FallsBackToNumberedText()
    {
        var turn = Turn(ChannelCapabilities.Full with { MaxSuggestedActions = 1 });

        await new ReplyShapingMiddleware(new ChatCare.Understanding.Text.MarkdigConverter()).OnTurnAsync(turn, AskAsync, TestContext.Current.CancellationToken);

        Assert.EndsWith("2. Pagos", Assert.Single(turn.Replies).Text, StringComparison.Ordinal);
    }
}
