using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCare.Channels.WhatsApp;

/// <summary>A Cloud API webhook notification (only the fields ChatCare reads; others are ignored).</summary>
public sealed record WebhookNotification(
    [property: JsonPropertyName("object")] string? Kind,
    IReadOnlyList<WebhookEntry>? Entry);

/// <summary>One business account's changes.</summary>
public sealed record WebhookEntry(string? Id, IReadOnlyList<WebhookChange>? Changes);

/// <summary>One change.</summary>
public sealed record WebhookChange(string? Field, WebhookValue? Value);

/// <summary>The change's content: messages, statuses and errors, each possibly alone.</summary>
public sealed record WebhookValue(
    string? MessagingProduct,
    WebhookMetadata? Metadata,
    IReadOnlyList<WebhookContact>? Contacts,
    IReadOnlyList<InboundMessage>? Messages,
    IReadOnlyList<MessageStatus>? Statuses,
    IReadOnlyList<GraphError>? Errors);

/// <summary>Which business number the change is for.</summary>
public sealed record WebhookMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

/// <summary>A customer's profile.</summary>
public sealed record WebhookContact(WebhookProfile? Profile, string? WaId);

/// <summary>The customer's profile name.</summary>
public sealed record WebhookProfile(string? Name);

/// <summary>A message from a customer.</summary>
public sealed record InboundMessage(
    string From,
    string Id,
    string? Timestamp,
    string? Type,
    TextBody? Text,
    InteractiveReply? Interactive,
    TemplateButtonReply? Button,
    MediaObject? Image,
    MediaObject? Document,
    MediaObject? Audio,
    MediaObject? Video,
    MediaObject? Sticker,
    LocationObject? Location,
    IReadOnlyList<SharedContact>? Contacts);

/// <summary>Text.</summary>
public sealed record TextBody(string? Body);

/// <summary>A reply button or list row the customer chose.</summary>
public sealed record InteractiveReply(string? Type, ChosenOption? ButtonReply, ChosenOption? ListReply);

/// <summary>The option chosen.</summary>
public sealed record ChosenOption(string? Id, string? Title, string? Description);

/// <summary>A template's quick-reply button.</summary>
public sealed record TemplateButtonReply(string? Payload, string? Text);

/// <summary>Media kept by WhatsApp, fetched by id.</summary>
public sealed record MediaObject(string? Id, string? MimeType, string? Sha256, string? Caption, string? Filename);

/// <summary>A location.</summary>
public sealed record LocationObject(double Latitude, double Longitude, string? Name, string? Address);

/// <summary>A shared contact card.</summary>
public sealed record SharedContact(SharedContactName? Name, IReadOnlyList<SharedContactPhone>? Phones);

/// <summary>Name of a shared contact.</summary>
public sealed record SharedContactName(string? FormattedName);

/// <summary>Phone of a shared contact.</summary>
public sealed record SharedContactPhone(string? Phone, string? WaId);

/// <summary>A delivery status of a message ChatCare sent.</summary>
public sealed record MessageStatus(string Id, string Status, string? Timestamp, string? RecipientId, IReadOnlyList<GraphError>? Errors);

/// <summary>A Graph API error (in webhooks and in send responses).</summary>
public sealed record GraphError(int Code, string? Title, string? Message, GraphErrorData? ErrorData);

/// <summary>Details of an error.</summary>
public sealed record GraphErrorData(string? Details);

/// <summary>What the inbox keeps of one message or status: the item plus the context it came with.</summary>
/// <param name="ContactName">The customer's profile name.</param>
/// <param name="Message">The message, for a message item.</param>
/// <param name="Status">The status, for a status item.</param>
public sealed record WhatsAppInboxPayload(string? ContactName, InboundMessage? Message, MessageStatus? Status);

/// <summary>Source-generated JSON of the webhook (snake_case, as Meta writes it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(WebhookNotification))]
[JsonSerializable(typeof(WhatsAppInboxPayload))]
[JsonSerializable(typeof(GraphErrorResponse))]
[JsonSerializable(typeof(GraphSendResponse))]
public sealed partial class WhatsAppJson : JsonSerializerContext;

/// <summary>A Graph API error response.</summary>
public sealed record GraphErrorResponse(GraphError? Error);

/// <summary>A Graph API send response.</summary>
public sealed record GraphSendResponse(IReadOnlyList<GraphSentMessage>? Messages);

/// <summary>One accepted message.</summary>
public sealed record GraphSentMessage(string? Id);
