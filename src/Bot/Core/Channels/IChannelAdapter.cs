using ChatCare.Core.Activities;

namespace ChatCare.Core.Channels;

/// <summary>Sends activities to customers on one channel. Inbound traffic is not part of it: each channel's endpoint maps its payloads.</summary>
public interface IChannelAdapter
{
    /// <summary>The channel id this adapter serves, e.g. <c>telegram</c>.</summary>
    string ChannelId { get; }

    /// <summary>What the channel can show.</summary>
    ChannelCapabilities Capabilities { get; }

    /// <summary>Delivers activities, in order, to a conversation.</summary>
    Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);
}

/// <summary>Where a conversation lives, enough to message it later (proactively).</summary>
/// <param name="ChannelId">Channel id.</param>
/// <param name="ConversationId">Conversation id.</param>
/// <param name="ServiceUrl">Bot Framework service URL, when the channel has one.</param>
/// <param name="User">The customer.</param>
/// <param name="Bot">The bot's account on the channel.</param>
public sealed record ConversationReference(string ChannelId, string ConversationId, string? ServiceUrl, ChannelAccount? User, ChannelAccount? Bot)
{
    /// <summary>The reference of an inbound activity.</summary>
    public static ConversationReference FromInbound(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new(activity.ChannelId ?? "", activity.Conversation?.Id ?? "", activity.ServiceUrl, activity.From, activity.Recipient);
    }
}
