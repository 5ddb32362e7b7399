using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.BotFramework;

/// <summary>
/// Posts replies to a Bot Framework <c>serviceUrl</c>: <c>{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]</c>.
/// A typed HttpClient with the standard resilience handler (retries with back-off, timeouts). With an app id configured,
/// each post carries the bot's own token.
/// </summary>
public sealed class ConnectorClient(HttpClient http, IOptions<BotFrameworkOptions> options, BotTokenProvider tokens) : IChannelAdapter
{
    /// <summary>Channel id of conversations that arrive through <c>/api/messages</c> without a more specific adapter.</summary>
    public const string DefaultChannelId = "botframework";

    /// <inheritdoc />
    public string ChannelId => DefaultChannelId;

    /// <inheritdoc />
    public ChannelCapabilities Capabilities => ChannelCapabilities.Full;

    /// <inheritdoc />
    public async Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(activities);
        if (to.ServiceUrl is null)
        {
            throw new InvalidOperationException($"Conversation {to.ConversationId} has no serviceUrl to post replies to.");
        }
        var baseUrl = to.ServiceUrl.TrimEnd('/');
        foreach (var activity in activities)
        {
            var path = $"{baseUrl}/v3/conversations/{Uri.EscapeDataString(to.ConversationId)}/activities"
                + (activity.ReplyToId is { Length: > 0 } replyTo ? "/" + Uri.EscapeDataString(replyTo) : "");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path))
            {
                Content = JsonContent.Create(activity, ActivityJson.Context.Activity),
            };
            if (options.Value.RequiresAuthentication)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            }
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
