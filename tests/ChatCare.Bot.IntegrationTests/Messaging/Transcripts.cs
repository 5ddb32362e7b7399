using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Bot.IntegrationTests.Messaging;

internal static class Transcripts
{
    /// <summary>The inbound activities of a conversation once there are at least <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<Activity>> InboundAsync(ChatCareApplication app, string conversationId, int count)
    {
        var store = app.Services.GetRequiredService<ITranscriptStore>();
        for (var i = 0; ; i++)
        {
            var inbound = (await store.ReadAsync(conversationId, TestContext.Current.CancellationToken))
                .Where(e => e.Direction == TranscriptDirection.Inbound).Select(e => e.Activity).ToList();
            if (inbound.Count >= count)
            {
                return inbound;
            }
            Assert.True(i < 200, $"Only {inbound.Count} inbound activities in {conversationId}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
