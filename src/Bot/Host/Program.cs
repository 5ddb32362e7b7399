using ChatCare.Bot.Commands;
using ChatCare.Bot.Hosting;
using ChatCare.Channels.BotFramework;

// Host commands (chat, nlu-eval) run instead of the web host; anything else starts the server.
if (HostCommands.IsCommand(args))
{
    return await HostCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();
builder.Services.AddChatCareCore();
builder.Services.AddChatCareChannels();
builder.Services.AddHostedService<UnderstandingWarmup>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapHealthChecks("/health");
app.MapBotFrameworkMessages();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
