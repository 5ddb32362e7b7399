using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCare.Core.Activities;

/// <summary>JSON settings for the Bot Framework wire format: camelCase, nulls left out, source-generated.</summary>
public static class ActivityJson
{
    /// <summary>Serializer options shared by every wire-level read and write.</summary>
    public static JsonSerializerOptions Options => Context.Options;

    /// <summary>The source-generated context.</summary>
    public static ActivityJsonContext Context { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A client may send `"text": 5`; reading it as a string beats rejecting the turn.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    });
}

/// <summary>Source-generated serializers for the wire types.</summary>
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(HeroCard))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<Activity>))]
public sealed partial class ActivityJsonContext : JsonSerializerContext;
