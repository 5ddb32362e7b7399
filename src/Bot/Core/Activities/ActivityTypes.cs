namespace ChatCare.Core.Activities;

/// <summary>Activity type names of the Bot Framework schema that ChatCare reads or writes.</summary>
public static class ActivityTypes
{
    /// <summary>Content for the user.</summary>
    public const string Message = "message";
    /// <summary>Typing indicator.</summary>
    public const string Typing = "typing";
    /// <summary>Programmatic signal with a name.</summary>
    public const string Event = "event";
    /// <summary>Members joined or left.</summary>
    public const string ConversationUpdate = "conversationUpdate";
    /// <summary>The conversation ended.</summary>
    public const string EndOfConversation = "endOfConversation";
}

/// <summary>Values of <see cref="Activity.DeliveryMode"/>.</summary>
public static class DeliveryModes
{
    /// <summary>Replies come back in the HTTP response body.</summary>
    public const string ExpectReplies = "expectReplies";
}
