using System.CommandLine;
using ChatCare.Bot.Hosting;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Turns;

namespace ChatCare.Bot.Commands;

/// <summary><c>chat</c>: talk to the assistant in the terminal, the quickest way to try a knowledge base.</summary>
public static class ChatCommand
{
    /// <summary>The channel id of terminal conversations.</summary>
    public const string ChannelId = "console";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var conversation = new Option<string?>("--conversation") { Description = "Conversation id to continue (default: a new one)." };
        var command = new Command("chat", "Talk to the assistant in the terminal (one line per message; Ctrl+D or /exit to leave).") { conversation };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(conversation), parse.UnmatchedTokens.ToArray(), Console.In, Console.Out, cancellationToken));
        return command;
    }

    /// <summary>Runs a terminal conversation over <paramref name="input"/> and <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(string? conversationId, string[] hostArgs, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var builder = Host.CreateApplicationBuilder(hostArgs);
        builder.Logging.ClearProviders();
        builder.Services.AddChatCareCore();
        builder.Services.AddSingleton<IChannelAdapter, ConsoleChannel>();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var turns = host.Services.GetRequiredService<TurnProcessor>();

        var conversation = new ConversationAccount(conversationId ?? "console-" + Guid.NewGuid().ToString("N")[..12]);
        var user = new ChannelAccount("console-user", Environment.UserName, "user");
        var bot = new ChannelAccount("chatcare", "ChatCare", "bot");
        await output.WriteLineAsync($"(conversation {conversation.Id}; /exit to leave)");

        var joined = new Activity { Type = ActivityTypes.ConversationUpdate, ChannelId = ChannelId, Conversation = conversation, From = user, Recipient = bot, MembersAdded = [user, bot] };
        await PrintAsync(await turns.ProcessAsync(joined, cancellationToken), output);
        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("> ");
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "/exit" or "/salir")
            {
                break;
            }
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var message = new Activity
            {
                Type = ActivityTypes.Message, Id = Guid.NewGuid().ToString("N"), ChannelId = ChannelId,
                Conversation = conversation, From = user, Recipient = bot, Text = line, Timestamp = DateTimeOffset.UtcNow,
            };
            await PrintAsync(await turns.ProcessAsync(message, cancellationToken), output);
        }
        await host.StopAsync(cancellationToken);
        return 0;
    }

    private static async Task PrintAsync(TurnResult result, TextWriter output)
    {
        foreach (var reply in result.Replies.Where(r => r.IsMessage && !string.IsNullOrEmpty(r.Text)))
        {
            await output.WriteLineAsync(reply.Text);
            await output.WriteLineAsync();
        }
    }

    /// <summary>The terminal shows plain text: buttons become numbered options.</summary>
    private sealed class ConsoleChannel : IChannelAdapter
    {
        public string ChannelId => ChatCommand.ChannelId;

        public ChannelCapabilities Capabilities => ChannelCapabilities.PlainText;

        public Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
