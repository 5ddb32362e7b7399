using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;

namespace ChatCare.Skills.Tests;

/// <summary>Drives one conversation: the customer says something, the test reads what the assistant answered.</summary>
public sealed class Transcript(TestBot bot, string conversationId)
{
    public const string ChannelId = "test";
    private static readonly ChannelAccount Customer = new("customer-1", "Rosa", "user");
    private static readonly ChannelAccount Bot = new("chatcare", "ChatCare", "bot");
    private int _sequence;

    public string Id => conversationId;

    public async Task<Reply> JoinAsync()
    {
        var result = await bot.Turns.ProcessAsync(new Activity
        {
            Type = ActivityTypes.ConversationUpdate, ChannelId = ChannelId, Conversation = new ConversationAccount(conversationId),
            From = Customer, Recipient = Bot, MembersAdded = [Customer, Bot],
        }, TestContext.Current.CancellationToken);
        return new Reply(result.Replies);
    }

    public async Task<Reply> SayAsync(string text, string? locale = null)
    {
        var result = await bot.Turns.ProcessAsync(new Activity
        {
            Type = ActivityTypes.Message, Id = $"{conversationId}-{++_sequence}", ChannelId = ChannelId, Locale = locale,
            Conversation = new ConversationAccount(conversationId), From = Customer, Recipient = Bot, Text = text,
        }, TestContext.Current.CancellationToken);
        return new Reply(result.Replies);
    }

    public async Task<ConversationState> StateAsync() =>
        (await bot.Stores.GetAsync(conversationId, TestContext.Current.CancellationToken))!.State;
}

/// <summary>What the assistant said in one turn.</summary>
public sealed record Reply(IReadOnlyList<Activity> Activities)
{
    public IReadOnlyList<Activity> Messages => [.. Activities.Where(a => a.IsMessage)];

    public string Text => string.Join("\n", Messages.Select(m => m.Text));

    public IReadOnlyList<string> Buttons => [.. Messages.SelectMany(m => m.SuggestedActions?.Actions ?? []).Select(a => a.Title)];

    public bool Says(string fragment) => Text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
