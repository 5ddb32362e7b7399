using ChatCare.Bot.Commands;
using ChatCare.Bot.Complaints;
using ChatCare.Bot.Hosting;
using ChatCare.Channels.BotFramework;
using ChatCare.Channels.DirectLine;
using ChatCare.Channels.WebChat;
using ChatCare.Channels.Telegram;
using ChatCare.Channels.WhatsApp;
using ChatCare.Handoff;
using ChatCare.Staff;

// Host commands (chat, nlu-eval, agents) run instead of the web host; anything else starts the server.
if (HostCommands.IsCommand(args))
{
    return await HostCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
// A body minimal APIs cannot bind (malformed JSON) is the caller's error: 400, in every environment.
builder.Services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : 500);
builder.Services.AddHealthChecks();
builder.Services.AddChatCareCore();
builder.Services.AddChatCareChannels();
builder.Services.AddChatCareStaffSignIn();
builder.Services.AddChatCarePeople();
builder.Services.AddHostedService<UnderstandingWarmup>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
// The Web Chat bundle the build copies from npm into wwwroot/lib (the /chat page and /widget.js load it).
app.UseStaticFiles();
// Direct Line: WebSocket streams, CORS for the web chat page, and its rate limits (429 + Retry-After).
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.UseCors();
app.UseRateLimiter();
// Staff (agents, supervisors) sign in with bearer tokens; customer channels keep their own checks.
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health");
app.MapBotFrameworkMessages();
app.MapDirectLine();
app.MapWebChat();
app.MapTelegram();
app.MapWhatsApp();
app.MapStaffLogin();
app.MapComplaints();
app.MapChatCareHandoff();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
