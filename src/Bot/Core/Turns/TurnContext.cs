using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;
using ChatCare.Core.Understanding;

namespace ChatCare.Core.Turns;

/// <summary>
/// One turn: the inbound activity, the conversation's typed state, and the replies produced so far.
/// Replies are buffered and leave only after the state is saved, so a crash cannot send an answer the state does not know of.
/// </summary>
public sealed class TurnContext
{
    private readonly List<Activity> _replies = [];
    private readonly List<Func<CancellationToken, Task>> _onCommitted = [];

    /// <summary>Creates a turn.</summary>
    public TurnContext(Activity activity, ConversationState state, ChannelCapabilities capabilities, DateTimeOffset now,
        Func<Activity, CancellationToken, Task>? sendImmediately = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Activity = activity;
        State = state;
        Capabilities = capabilities;
        Now = now;
        SendImmediately = sendImmediately;
    }

    /// <summary>The inbound activity.</summary>
    public Activity Activity { get; }

    /// <summary>The conversation state; skills replace it with a changed copy.</summary>
    public ConversationState State { get; set; }

    /// <summary>What the channel can show.</summary>
    public ChannelCapabilities Capabilities { get; }

    /// <summary>The turn's clock reading (UTC).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Sends an activity before the turn ends (typing indicators), when the channel streams; else null.</summary>
    public Func<Activity, CancellationToken, Task>? SendImmediately { get; }

    /// <summary>The message text the skills should read: the inbound text, or the value of a chosen numbered option.</summary>
    public string Text { get; set; } = "";

    /// <summary>What the message means; null for non-message activities.</summary>
    public Utterance? Utterance { get; set; }

    /// <summary>The replies so far.</summary>
    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>True when the activity was already processed and must be ignored.</summary>
    public bool IsDuplicate { get; private set; }

    /// <summary>Marks the activity as a redelivery: nothing is answered or saved.</summary>
    public void MarkDuplicate() => IsDuplicate = true;

    /// <summary>Adds a reply.</summary>
    public void Send(Activity reply) => _replies.Add(reply);

    /// <summary>Inserts a reply before all others (typing indicators on buffered channels).</summary>
    public void SendFirst(Activity reply) => _replies.Insert(0, reply);

    /// <summary>Replaces every reply, e.g. after shaping them for the channel.</summary>
    public void ReplaceReplies(IEnumerable<Activity> replies)
    {
        var shaped = replies.ToList();
        _replies.Clear();
        _replies.AddRange(shaped);
    }

    /// <summary>Runs <paramref name="action"/> once the turn's state is saved.</summary>
    public void OnCommitted(Func<CancellationToken, Task> action) => _onCommitted.Add(action);

    internal IReadOnlyList<Func<CancellationToken, Task>> CommitActions => _onCommitted;

    /// <summary>A message reply addressed back to the sender, in the conversation's language.</summary>
    public Activity CreateReply(string text, IReadOnlyList<CardAction>? actions = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Activity.ChannelId,
        Conversation = Activity.Conversation,
        From = Activity.Recipient ?? BotAccount,
        Recipient = Activity.From,
        ReplyToId = Activity.Id,
        ServiceUrl = Activity.ServiceUrl,
        Locale = State.Language,
        Text = text,
        TextFormat = "markdown",
        SuggestedActions = actions is { Count: > 0 } ? new SuggestedActions { Actions = actions } : null,
    };

    /// <summary>Sends a message reply.</summary>
    public void Reply(string text, IReadOnlyList<CardAction>? actions = null) => Send(CreateReply(text, actions));

    /// <summary>The account replies come from when the channel did not name the bot.</summary>
    public static ChannelAccount BotAccount { get; } = new("chatcare", "ChatCare", "bot");
}
