using Microsoft.Extensions.Logging;

namespace ChatCare.Core.Turns;

/// <summary>Log messages of the engine. Ids and kinds only: never customer text (style guide §7).</summary>
internal static partial class CoreLog
{
    [LoggerMessage(EventId = 1001, EventName = "DuplicateIgnored", Level = LogLevel.Information,
        Message = "Ignored redelivered activity {ActivityId} in conversation {ConversationId}")]
    public static partial void DuplicateIgnored(ILogger logger, string conversationId, string? activityId);

    [LoggerMessage(EventId = 1002, EventName = "StateConflict", Level = LogLevel.Warning,
        Message = "State of conversation {ConversationId} changed concurrently (attempt {Attempt}); retrying the turn")]
    public static partial void StateConflict(ILogger logger, string conversationId, int attempt);

    [LoggerMessage(EventId = 1003, EventName = "TurnFailed", Level = LogLevel.Error,
        Message = "Turn failed in conversation {ConversationId} ({ActivityType}); state kept as before the turn")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string conversationId, string activityType);
}
