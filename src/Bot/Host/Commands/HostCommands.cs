using System.CommandLine;

namespace ChatCare.Bot.Commands;

/// <summary>The host executable's commands: <c>chat</c> and <c>nlu-eval</c>.</summary>
public static class HostCommands
{
    private static readonly string[] Names = ["chat", "nlu-eval"];

    /// <summary>Whether the arguments name a command rather than host settings.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && (Names.Contains(args[0]) || args[0] is "--help" or "-h" or "help");

    /// <summary>Parses and runs the command; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("ChatCare: a customer-service assistant. Without a command, the web host starts.")
        {
            ChatCommand.Create(),
            NluEvalCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
