using System.Net.Http.Json;
using System.Text.Json;
using ChatCare.Core.Activities;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>Speaks the Bot Framework Activity protocol to <c>/api/messages</c> with expectReplies, as a channel would.</summary>
public sealed class BotClient(HttpClient http, string? conversationId = null, string channelId = "directline")
{
    private int _sequence;

    public string ConversationId { get; } = conversationId ?? "it-" + Guid.NewGuid().ToString("N");

    public Task<IReadOnlyList<Activity>> JoinAsync() => SendAsync(new Activity
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = [new ChannelAccount("user-1", "Rosa"), new ChannelAccount("bot")],
    });

    public Task<IReadOnlyList<Activity>> SayAsync(string text) => SendAsync(new Activity { Type = ActivityTypes.Message, Text = text });

    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var full = activity with
        {
            Id = activity.Id ?? $"{ConversationId}|{++_sequence:D7}",
            ChannelId = channelId,
            ServiceUrl = "http://127.0.0.1:9/",
            DeliveryMode = DeliveryModes.ExpectReplies,
            Conversation = new ConversationAccount(ConversationId),
            From = activity.From ?? new ChannelAccount("user-1", "Rosa", "user"),
            Recipient = new ChannelAccount("bot", "ChatCare", "bot"),
        };
        using var response = await http.PostAsJsonAsync("/api/messages", full, ActivityJson.Context.Activity, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync(ActivityJson.Context.ExpectedReplies, TestContext.Current.CancellationToken);
        return body!.Activities;
    }

    public static string Text(IReadOnlyList<Activity> replies) =>
        string.Join("\n", replies.Where(r => r.IsMessage).Select(r => r.Text));

    public static IReadOnlyList<string> Buttons(IReadOnlyList<Activity> replies) =>
        [.. replies.SelectMany(r => r.SuggestedActions?.Actions ?? []).Select(a => a.Title)];

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
