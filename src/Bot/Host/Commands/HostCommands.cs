using System.CommandLine;

namespace ChatCare.Bot.Commands;

/// <summary>The host executable's commands: <c>chat</c>, <c>nlu-eval</c> and <c>agents</c>.</summary>
public static class HostCommands
{
    /// <summary>
    /// Whether the arguments name a command rather than host settings (<c>--urls=…</c>, <c>Key=Value</c>).
    /// An unknown word is treated as a command so it gets a clear error instead of silently starting the server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" or "-?" or "--version" || (!args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal)));

    /// <summary>Parses and runs the command; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("ChatCare: a customer-service assistant. Without a command, the web host starts.")
        {
            ChatCommand.Create(),
            NluEvalCommand.Create(),
            AgentsCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
