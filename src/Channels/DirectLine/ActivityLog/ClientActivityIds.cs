using System.Text.Json;
using ChatCare.Core.Activities;

namespace ChatCare.Channels.DirectLine.ActivityLog;

/// <summary>Reads the id Web Chat puts in <c>channelData.clientActivityID</c> to recognise its own echo and resends.</summary>
public static class ClientActivityIds
{
    /// <summary>Longest id kept; longer ones are not used for de-duplication.</summary>
    public const int MaxLength = 200;

    /// <summary>The client's id of <paramref name="activity"/>, or null.</summary>
    public static string? Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("clientActivityID", out var id)
            && id.ValueKind == JsonValueKind.String
            && id.GetString() is { Length: > 0 and <= MaxLength } value
                ? value
                : null;
    }
}
