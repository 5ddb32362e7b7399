using System.Text.Json;
using ChatCare.Core.Activities;

// A bare minimal-API app: POST /api/messages reads the Activity exactly as ChatCare does and answers one canned message
// in the expectReplies shape. No state, no understanding, no storage — what is left is Kestrel, routing and JSON.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapPost("/api/messages", async (HttpContext http, CancellationToken cancellationToken) =>
{
    Activity? activity;
    try
    {
        activity = await JsonSerializer.DeserializeAsync(http.Request.Body, ActivityJson.Context.Activity, cancellationToken);
    }
    catch (JsonException)
    {
        return Results.BadRequest();
    }
    if (activity?.Conversation is not { } conversation || string.IsNullOrWhiteSpace(conversation.Id))
    {
        return Results.BadRequest();
    }

    var reply = new Activity
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = activity.ChannelId,
        Conversation = conversation,
        From = activity.Recipient,
        Recipient = activity.From,
        ReplyToId = activity.Id,
        Locale = activity.Locale,
        Text = "Gracias por su mensaje.",
    };
    return TypedResults.Json(new ExpectedReplies([reply]), ActivityJson.Context.ExpectedReplies);
}).DisableAntiforgery();

await app.RunAsync();
