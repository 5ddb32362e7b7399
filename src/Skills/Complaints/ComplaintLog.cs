using ChatCare.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace ChatCare.Skills.Complaints;

/// <summary>Complaint and privacy logs: ids, codes, steps and field names only, never a customer's words or data (style guide pitfall 14).</summary>
internal static partial class ComplaintLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Complaint form started in conversation {ConversationId} (anonymous: {Anonymous})")]
    public static partial void Started(ILogger logger, string conversationId, bool anonymous);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Privacy notice {Country}/{NoticeVersion} shown in conversation {ConversationId}")]
    public static partial void NoticeShown(ILogger logger, string conversationId, string country, string noticeVersion);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Consent {ConsentId} recorded in conversation {ConversationId} (accepted: {Accepted})")]
    public static partial void ConsentRecorded(ILogger logger, string conversationId, string consentId, bool accepted);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Complaint field {Field} accepted in conversation {ConversationId}")]
    public static partial void FieldAccepted(ILogger logger, string conversationId, ComplaintField field);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Complaint field {Field} refused ({Reason}) in conversation {ConversationId}")]
    public static partial void FieldRefused(ILogger logger, string conversationId, ComplaintField field, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Complaint {Code} filed from conversation {ConversationId}")]
    public static partial void Filed(ILogger logger, string conversationId, string code);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Complaint form cancelled in conversation {ConversationId}")]
    public static partial void Cancelled(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Complaint in conversation {ConversationId} had no matching consent record; the notice is shown again")]
    public static partial void ConsentMissing(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Complaint status asked for {Code} in conversation {ConversationId} (verified: {Verified})")]
    public static partial void StatusAsked(ILogger logger, string conversationId, string code, bool verified);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Data-rights request {Code} ({Right}) opened in conversation {ConversationId} (verified: {Verified})")]
    public static partial void RightsOpened(ILogger logger, string conversationId, string code, DataRight right, bool verified);
}
