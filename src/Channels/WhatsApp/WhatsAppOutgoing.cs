using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatCare.Core.Activities;

namespace ChatCare.Channels.WhatsApp;

/// <summary>One message waiting in the outbox.</summary>
/// <param name="To">The customer's number with its <c>+</c> (without it Meta would prepend the business's country code).</param>
/// <param name="Language">The conversation's language, for the template outside the window.</param>
/// <param name="Text">The message as plain text, for the template's variable.</param>
/// <param name="Body">The Graph API request body; null for a template-only message.</param>
public sealed record WhatsAppOutgoing(string To, string Language, string Text, JsonElement? Body);

/// <summary>Builds Graph API message bodies from activities, within WhatsApp's limits.</summary>
public static class WhatsAppMessages
{
    /// <summary>Most reply buttons.</summary>
    public const int MaxButtons = 3;
    /// <summary>Longest reply-button title.</summary>
    public const int MaxButtonTitle = 20;
    /// <summary>Longest body of a message with buttons.</summary>
    public const int MaxButtonBody = 1024;
    /// <summary>Most list rows.</summary>
    public const int MaxRows = 10;
    /// <summary>Longest list-row title.</summary>
    public const int MaxRowTitle = 24;
    /// <summary>Longest text body.</summary>
    public const int MaxBody = 4096;
    private const int MaxButtonId = 256;
    private const int MaxRowId = 200;

    /// <summary>
    /// The outbox entry for a message activity: reply buttons when 1–3 options with titles of at most 20 characters fit,
    /// a list when up to 10 fit, numbered text otherwise (a number answers, STD-G4).
    /// </summary>
    public static WhatsAppOutgoing ToOutgoing(string waId, Activity activity, string listButtonLabel)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var to = "+" + waId;
        var text = activity.Text ?? "";
        var options = (activity.SuggestedActions?.Actions ?? []).Where(a => a.ValueText is not null).ToList();
        var links = options.Where(a => a.Type == "openUrl").ToList();
        var choices = options.Except(links).ToList();
        if (links.Count > 0)
        {
            text = string.Join("\n", new[] { text }.Concat(links.Select(l => l.Title + ": " + l.ValueText)).Where(t => t.Length > 0));
        }
        foreach (var file in activity.Attachments?.Where(a => a.ContentUrl is not null) ?? [])
        {
            text = string.Join("\n", new[] { text, (file.Name ?? "") + " " + file.ContentUrl }.Where(t => t.Trim().Length > 0));
        }
        var body = text.Length > 0 ? text : "…";

        JsonObject message;
        if (choices.Count is > 0 and <= MaxButtons && body.Length <= MaxButtonBody
            && choices.All(c => c.Title.Length <= MaxButtonTitle) && choices.Select(c => c.Title).Distinct().Count() == choices.Count)
        {
            message = Interactive(to, new JsonObject
            {
                ["type"] = "button",
                ["body"] = new JsonObject { ["text"] = body },
                ["action"] = new JsonObject
                {
                    ["buttons"] = new JsonArray([.. choices.Select((c, i) => (JsonNode)new JsonObject
                    {
                        ["type"] = "reply",
                        ["reply"] = new JsonObject { ["id"] = OptionId(c, i, MaxButtonId), ["title"] = c.Title },
                    })]),
                },
            });
        }
        else if (choices.Count is > 0 and <= MaxRows && body.Length <= MaxBody && choices.All(c => c.Title.Length <= MaxRowTitle))
        {
            message = Interactive(to, new JsonObject
            {
                ["type"] = "list",
                ["body"] = new JsonObject { ["text"] = body },
                ["action"] = new JsonObject
                {
                    ["button"] = listButtonLabel,
                    ["sections"] = new JsonArray(new JsonObject
                    {
                        ["rows"] = new JsonArray([.. choices.Select((c, i) => (JsonNode)new JsonObject
                        {
                            ["id"] = OptionId(c, i, MaxRowId),
                            ["title"] = c.Title,
                        })]),
                    }),
                },
            });
        }
        else
        {
            var numbered = new StringBuilder(text);
            for (var i = 0; i < choices.Count; i++)
            {
                numbered.Append(i == 0 && numbered.Length > 0 ? "\n\n" : i == 0 ? "" : "\n")
                    .Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(choices[i].Title);
            }
            text = numbered.ToString();
            message = Envelope(to, "text");
            message["text"] = new JsonObject { ["body"] = text.Length > MaxBody ? string.Concat(text.AsSpan(0, MaxBody - 1), "…") : text };
        }
        return new WhatsAppOutgoing(to, activity.Locale ?? "es", text, JsonSerializer.SerializeToElement(message, WhatsAppOutgoingJson.Default.JsonObject));
    }

    /// <summary>A template message carrying <paramref name="text"/> in its body variable when the template has one.</summary>
    public static JsonObject Template(string to, string name, string languageCode, string? text)
    {
        var template = new JsonObject
        {
            ["name"] = name,
            ["language"] = new JsonObject { ["code"] = languageCode },
        };
        if (text is not null)
        {
            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text.Length > MaxButtonBody ? text[..MaxButtonBody] : text }),
            });
        }
        var message = Envelope(to, "template");
        message["template"] = template;
        return message;
    }

    /// <summary>Marks an inbound message read, optionally showing "typing…" until the reply (or 25 s).</summary>
    public static JsonObject MarkRead(string messageId, bool typing)
    {
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = messageId };
        if (typing)
        {
            body["typing_indicator"] = new JsonObject { ["type"] = "text" };
        }
        return body;
    }

    private static JsonObject Interactive(string to, JsonObject interactive)
    {
        var message = Envelope(to, "interactive");
        message["interactive"] = interactive;
        return message;
    }

    private static JsonObject Envelope(string to, string type) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
    };

    // An id longer than WhatsApp allows travels as the option number, which the engine reads as the choice.
    private static string OptionId(CardAction action, int index, int maxLength) =>
        action.ValueText!.Length <= maxLength && !action.ValueText.StartsWith(WhatsAppMapper.OptionNumberPrefix, StringComparison.Ordinal)
            ? action.ValueText
            : WhatsAppMapper.OptionNumberPrefix + (index + 1).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Source-generated JSON of outbox payloads and Graph request bodies.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WhatsAppOutgoing))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class WhatsAppOutgoingJson : JsonSerializerContext;
