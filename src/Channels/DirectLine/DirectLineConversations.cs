using System.Security.Cryptography;
using ChatCare.Channels.DirectLine.ActivityLog;
using ChatCare.Core.Activities;
using ChatCare.Core.Turns;
using Microsoft.Extensions.Logging;

namespace ChatCare.Channels.DirectLine;

/// <summary>
/// What happens in a Direct Line conversation, apart from HTTP: starting it (the bot greets through a conversationUpdate),
/// and posting customer activities (stored as the echo with a server id, then answered through the turn engine).
/// </summary>
public sealed partial class DirectLineConversations(
    IDirectLineActivityLog log,
    DirectLineChannelAdapter channel,
    TurnProcessor turns,
    TimeProvider time,
    ILogger<DirectLineConversations> logger)
{
    // Separate from the turn engine's locks: this one only guards "already posted?" + append, never a whole turn.
    private readonly ConversationLocks _postLocks = new();

    /// <summary>A new random conversation id (128 bits, hex).</summary>
    public static string NewConversationId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A new random user id for customers the site did not name.</summary>
    public static string NewUserId() => "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The conversation, or null when it was never started.</summary>
    public Task<DirectLineConversationRecord?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        log.GetConversationAsync(conversationId, cancellationToken);

    /// <summary>
    /// Starts the conversation unless it exists; a new one is announced to the bot with a conversationUpdate that adds the
    /// customer and the bot, so the greeting is in the history before the customer types. Returns true when it was created.
    /// </summary>
    public async Task<bool> StartAsync(string conversationId, string userId, string? locale, CancellationToken cancellationToken)
    {
        if (!await log.CreateConversationAsync(conversationId, userId, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }
        LogStarted(logger, conversationId);
        var user = new ChannelAccount(userId, null, "user");
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = DirectLineChannelAdapter.Id,
            Conversation = new ConversationAccount(conversationId),
            From = user,
            Recipient = channel.Bot,
            Locale = locale,
            Timestamp = time.GetUtcNow(),
            MembersAdded = [user, channel.Bot],
        };
        var result = await turns.ProcessAsync(update, cancellationToken, SendTypingAsync(conversationId));
        await channel.SendFromBotAsync(conversationId, [.. result.Replies.Select(r => r with { ReplyToId = null })], user, cancellationToken);
        return true;
    }

    /// <summary>
    /// Stores a customer activity and answers it. A resend with the same <c>channelData.clientActivityID</c> gets the first id back
    /// and no second turn (DirectLineJS retries after a 5xx or a timeout). Returns the activity's id.
    /// </summary>
    public async Task<string> PostAsync(string conversationId, Activity posted, ChannelAccount from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(from);
        Activity stored;
        using (await _postLocks.AcquireAsync(conversationId, cancellationToken))
        {
            if (ClientActivityIds.Of(posted) is { } clientActivityId
                && await log.FindByClientActivityIdAsync(conversationId, clientActivityId, cancellationToken) is { } earlier)
            {
                LogResendIgnored(logger, conversationId, earlier.Sequence);
                return earlier.Activity.Id!;
            }
            var inbound = posted with
            {
                // The server names the sender and the activity; what the client claimed is not trusted.
                Id = null,
                From = from,
                Recipient = channel.Bot,
                ReplyToId = null,
            };
            stored = (await channel.AppendAsync(conversationId, [inbound], cancellationToken))[0].Activity;
        }

        var result = await turns.ProcessAsync(stored, cancellationToken, SendTypingAsync(conversationId));
        await channel.SendFromBotAsync(conversationId, [.. result.Replies.Select(r => r with { ReplyToId = stored.Id })], from, cancellationToken);
        return stored.Id!;
    }

    private Func<Activity, CancellationToken, Task> SendTypingAsync(string conversationId) =>
        (typing, ct) => channel.SendTypingAsync(conversationId, typing, ct);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started")]
    private static partial void LogStarted(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Resent activity in Direct Line conversation {ConversationId} answered with the id of #{Sequence}")]
    private static partial void LogResendIgnored(ILogger logger, string conversationId, long sequence);
}
