using System.Text.Json;
using System.Text.Json.Nodes;
using ChatCare.Channels.Messaging;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.WhatsApp;

/// <summary>
/// Sends outbox messages to the Graph API, enforcing the 24-hour customer-service window: when the customer's last
/// message is older (or the Graph API answers 131047), the configured re-engagement template goes instead, or, with
/// no template configured, the message fails without being retried. Throttling and outages are retried with back-off;
/// other errors (invalid parameters, blocked or unknown numbers) are permanent.
/// </summary>
public sealed class WhatsAppTransport(GraphApiClient graph, IChannelInbox inbox, IOptions<WhatsAppOptions> options, TimeProvider time) : IOutboxTransport
{
    /// <inheritdoc />
    public string Channel => WhatsAppMapper.ChannelId;

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return SendOutcome.Fail("WhatsApp is not configured.");
        }
        var outgoing = JsonSerializer.Deserialize(message.Payload, WhatsAppOutgoingJson.Default.WhatsAppOutgoing)
            ?? throw new InvalidDataException($"Outbox message {message.Id} is empty.");

        var lastCustomerMessage = await inbox.LastCustomerMessageAtAsync(Channel, message.ConversationId, cancellationToken);
        var windowOpen = lastCustomerMessage is { } last && time.GetUtcNow() - last < WhatsAppOptions.CustomerServiceWindow;
        if (outgoing.Body is { } body && windowOpen)
        {
            var result = await graph.SendAsync(JsonSerializer.Deserialize(body, WhatsAppOutgoingJson.Default.JsonObject)!, cancellationToken);
            if (result.Error?.Code != GraphResult.ReengagementRequired)
            {
                return Outcome(result);
            }
            // The window closed on Meta's side after all: fall through to the template, never retry the same message.
        }
        return await SendTemplateAsync(outgoing, settings, cancellationToken);
    }

    private async Task<SendOutcome> SendTemplateAsync(WhatsAppOutgoing outgoing, WhatsAppOptions settings, CancellationToken cancellationToken)
    {
        var template = settings.ReengagementTemplate;
        if (!template.Configured)
        {
            return SendOutcome.Fail($"Outside the 24-hour customer-service window ({GraphResult.ReengagementRequired}) and no "
                + $"{WhatsAppOptions.SectionName}:ReengagementTemplate is configured; not sent.");
        }
        var language = template.Languages.TryGetValue(outgoing.Language, out var code) ? code : template.Languages.Values.First();
        JsonObject body = WhatsAppMessages.Template(outgoing.To, template.Name!, language, template.TextParameter ? outgoing.Text : null);
        return Outcome(await graph.SendAsync(body, cancellationToken));
    }

    private static SendOutcome Outcome(GraphResult result) =>
        result.Succeeded ? SendOutcome.Sent(result.MessageId)
        : result.IsTransient ? SendOutcome.Retry(result.Describe())
        : SendOutcome.Fail(result.Describe());
}
