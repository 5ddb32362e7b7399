using System.CommandLine;
using ChatCare.Bot.Stores;
using ChatCare.Core.Configuration;
using ChatCare.Staff;

namespace ChatCare.Bot.Commands;

/// <summary>
/// <c>agents add --user U --name "Display Name" --role agent|supervisor --password-stdin [--teams t1,t2] [--capacity N]</c>
/// and <c>agents list</c>: staff accounts in the host's LiteDB file. The password is read from standard input only, so it
/// never lands in shell history or the process list.
/// </summary>
public static class AgentsCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "Sign-in name (case-insensitive).", Required = true };
        var name = new Option<string>("--name") { Description = "Display name customers see, e.g. \"Ana Torres\".", Required = true };
        var role = new Option<string>("--role") { Description = "agent or supervisor.", Required = true };
        role.AcceptOnlyFromAmong(StaffRoles.Agent, StaffRoles.Supervisor);
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var teams = new Option<string?>("--teams") { Description = "Comma-separated teams attended (default: every team)." };
        var capacity = new Option<int?>("--capacity") { Description = "Most conversations at once (default: ChatCare:Handoff:DefaultCapacity)." };

        var add = new Command("add", "Create a staff account, or replace the one with the same user (name, role, password).")
        {
            user, name, role, passwordStdin, teams, capacity,
        };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parse, cancellationToken) => AddAsync(
            new AddAgent(parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(passwordStdin),
                parse.GetValue(teams), parse.GetValue(capacity)),
            [.. parse.UnmatchedTokens], Console.In, Console.Out, Console.Error, cancellationToken));

        var list = new Command("list", "List staff accounts (never their passwords).");
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parse, cancellationToken) => ListAsync([.. parse.UnmatchedTokens], Console.Out, Console.Error, cancellationToken));

        return new Command("agents", "Manage the accounts of agents and supervisors.") { add, list };
    }

    /// <summary>Creates or replaces an account; returns the exit code (0 ok, 2 bad input, 3 database busy).</summary>
    public static async Task<int> AddAsync(AddAgent request, string[] hostArgs, TextReader input, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!request.PasswordStdin)
        {
            await error.WriteLineAsync("agents add: pass --password-stdin and write the password on standard input (it is never taken as an argument).");
            return 2;
        }
        var password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? "";
        return await WithStoreAsync(hostArgs, error, async services =>
        {
            var teams = request.Teams?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = await services.GetRequiredService<StaffDirectory>().SaveAsync(
                new StaffAccountRequest(request.User, request.Name, request.Role, password, teams, request.Capacity), cancellationToken);
            if (result.Account is not { } account)
            {
                await error.WriteLineAsync($"agents add: {result.Error}");
                return 2;
            }
            await output.WriteLineAsync($"{(result.Created ? "Created" : "Updated")} {account.Role} '{account.User}' ({account.DisplayName}).");
            return 0;
        });
    }

    /// <summary>Prints one line per account: user, role, display name, teams, capacity.</summary>
    public static Task<int> ListAsync(string[] hostArgs, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return WithStoreAsync(hostArgs, error, async services =>
        {
            foreach (var account in await services.GetRequiredService<IStaffAccountStore>().ListAsync(cancellationToken))
            {
                var teams = account.Teams.Count == 0 ? "*" : string.Join(',', account.Teams);
                await output.WriteLineAsync($"{account.User}\t{account.Role}\t{account.DisplayName}\t{teams}\t{account.Capacity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
            }
            return 0;
        });
    }

    private static async Task<int> WithStoreAsync(string[] hostArgs, TextWriter error, Func<IServiceProvider, Task<int>> action)
    {
        var builder = Host.CreateApplicationBuilder(hostArgs);
        builder.Logging.ClearProviders();
        builder.Services.AddOptions<ChatCareOptions>().BindConfiguration(ChatCareOptions.SectionName).ValidateDataAnnotations();
        builder.Services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateDataAnnotations();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChatCareDatabase>();
        builder.Services.AddSingleton<IStaffAccountStore, LiteDbStaffAccountStore>();
        builder.Services.AddSingleton<StaffPasswords>();
        builder.Services.AddSingleton<StaffDirectory>();
        using var host = builder.Build();
        try
        {
            return await action(host.Services);
        }
        catch (IOException ex)
        {
            // LiteDB opens its file exclusively: a running host keeps it.
            await error.WriteLineAsync($"agents: the database is in use ({ex.Message}). Stop the host first.");
            return 3;
        }
    }
}

/// <summary>Arguments of <c>agents add</c>.</summary>
/// <param name="User">Sign-in name.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">agent or supervisor.</param>
/// <param name="PasswordStdin">Whether the password comes on standard input (required).</param>
/// <param name="Teams">Comma-separated teams, or null for every team.</param>
/// <param name="Capacity">Most conversations at once, or null for the default.</param>
public sealed record AddAgent(string User, string Name, string Role, bool PasswordStdin, string? Teams = null, int? Capacity = null);
