using System.Globalization;
using ChatCare.Channels.DirectLine.ActivityLog;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.DirectLine;

/// <summary>
/// Delivers to Direct Line conversations: appends to the history (which gives each activity its id, timestamp and watermark)
/// and pushes to the open WebSocket. Typing is pushed only, never stored, as Direct Line does not return it over GET.
/// </summary>
public sealed class DirectLineChannelAdapter(IDirectLineActivityLog log, StreamHub hub, TimeProvider time, IOptions<PersonaOptions> persona) : IChannelAdapter
{
    /// <summary>The channel id of Direct Line conversations.</summary>
    public const string Id = "directline";

    /// <inheritdoc />
    public string ChannelId => Id;

    /// <inheritdoc />
    public ChannelCapabilities Capabilities => ChannelCapabilities.Full;

    /// <summary>The bot's account in Direct Line conversations.</summary>
    public ChannelAccount Bot => new("chatcare", persona.Value.Name, "bot");

    /// <summary>The id of the activity at <paramref name="sequence"/>, in the Direct Line service's own form.</summary>
    public static string ActivityId(string conversationId, long sequence) =>
        conversationId + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(activities);
        await SendFromBotAsync(to.ConversationId, activities, to.User, cancellationToken);
    }

    /// <summary>Sends bot activities (replies or proactive messages) to a conversation.</summary>
    public async Task<IReadOnlyList<LoggedActivity>> SendFromBotAsync(string conversationId, IReadOnlyList<Activity> activities,
        ChannelAccount? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        // An agent's message keeps the agent as sender (STD-H4: the customer sees who writes); everything else comes from the bot.
        var fromBot = activities.Select(a => a with { From = IsAgent(a.From) ? a.From : Bot, Recipient = a.Recipient ?? user }).ToList();
        var logged = new List<LoggedActivity>();
        var run = new List<Activity>();
        foreach (var activity in fromBot)
        {
            if (activity.Type != ActivityTypes.Typing)
            {
                run.Add(activity);
                continue;
            }
            // Keep the order: what came before the typing indicator is stored and pushed first.
            logged.AddRange(await AppendAsync(conversationId, run, cancellationToken));
            run.Clear();
            SendTransient(conversationId, activity);
        }
        logged.AddRange(await AppendAsync(conversationId, run, cancellationToken));
        return logged;
    }

    /// <summary>Pushes a typing indicator from the bot to the open socket.</summary>
    public Task SendTypingAsync(string conversationId, Activity typing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typing);
        cancellationToken.ThrowIfCancellationRequested();
        SendTransient(conversationId, typing with { From = Bot });
        return Task.CompletedTask;
    }

    /// <summary>Stores activities as they are (the sender already set), stamped with id, timestamp and channel, and pushes them.</summary>
    public async Task<IReadOnlyList<LoggedActivity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Count == 0)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var logged = await log.AppendAsync(conversationId, activities, (sequence, activity) => Stamp(activity, conversationId, now) with
        {
            Id = ActivityId(conversationId, sequence),
        }, cancellationToken);
        hub.Publish(conversationId, logged);
        return logged;
    }

    private static bool IsAgent(ChannelAccount? from) => from?.Id.StartsWith("agent:", StringComparison.Ordinal) == true;

    private void SendTransient(string conversationId, Activity activity) =>
        hub.PublishTransient(conversationId, Stamp(activity, conversationId, time.GetUtcNow()) with { Id = null });

    private static Activity Stamp(Activity activity, string conversationId, DateTimeOffset now) => activity with
    {
        Timestamp = now,
        ChannelId = Id,
        Conversation = new ConversationAccount(conversationId),
        // Direct Line clients talk to this server only; a serviceUrl would mean nothing to them.
        ServiceUrl = null,
        DeliveryMode = null,
    };
}
