using System.Net.Http.Json;
using System.Text.Json;
using ChatCare.Bot.IntegrationTests.Staff;
using static ChatCare.Bot.IntegrationTests.DirectLineTests;

namespace ChatCare.Bot.IntegrationTests.Handoff;

/// <summary>
/// A host with agents (created by the real <c>agents add</c> command) and customers on the real Direct Line channel:
/// ana and luis attend support (ana at most 1 conversation), vera attends sales, sara is a supervisor.
/// </summary>
public sealed class HandoffHost : IAsyncDisposable
{
    private HandoffHost(ChatCareApplication app) => App = app;

    public ChatCareApplication App { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tuesday 10:00 in Lima: inside the configured hours.</summary>
    public static readonly DateTimeOffset OpenHours = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    public static async Task<HandoffHost> StartAsync(DateTimeOffset? now = null)
    {
        var directory = Directory.CreateTempSubdirectory("chatcare-handoff-").FullName;
        await StaffClient.AddAsync(directory, "ana", "Ana Torres", "agent", teams: "support", capacity: 1);
        await StaffClient.AddAsync(directory, "luis", "Luis Díaz", "agent", teams: "support");
        await StaffClient.AddAsync(directory, "vera", "Vera Ramos", "agent", teams: "sales");
        await StaffClient.AddAsync(directory, "sara", "Sara Supervisora", "supervisor");
        var app = new ChatCareApplication(directory, new Dictionary<string, string?>
        {
            ["ChatCare:Channels:DirectLine:Secret"] = "test-directline-secret-0123456789",
        });
        app.Clock.Now = now ?? OpenHours;
        _ = app.CreateClient(); // starts the host
        return new HandoffHost(app);
    }

    /// <summary>Signs an agent in and makes them available (any agent API call counts as presence).</summary>
    public async Task<HttpClient> AgentAsync(string user)
    {
        var agent = StaffClient.As(App, await StaffClient.LoginAsync(App.CreateClient(), user));
        using var queue = await agent.GetAsync("/api/agent/queue", Ct);
        queue.EnsureSuccessStatusCode();
        return agent;
    }

    internal async Task<Customer> CustomerAsync()
    {
        var session = await DirectLineSession.StartAsync(App.CreateClient());
        var (_, watermark) = await session.GetActivitiesAsync("");
        return new Customer(session) { Watermark = watermark };
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>A customer on Direct Line, reading what arrived since the last read.</summary>
internal sealed class Customer(DirectLineSession session)
{
    private int _sequence;

    public DirectLineSession Session { get; } = session;

    public string ConversationId => Session.ConversationId;

    public string Watermark { get; set; } = "";

    /// <summary>Posts a message and returns the bot's and agents' activities that follow it (not the customer's own echo).</summary>
    public async Task<IReadOnlyList<JsonElement>> SayAsync(string text)
    {
        await Session.PostAsync(text, $"c-{++_sequence}-{Guid.NewGuid():N}");
        return await ReadAsync();
    }

    /// <summary>Activities from the bot or agents since the last read.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadAsync()
    {
        var (activities, watermark) = await Session.GetActivitiesAsync(Watermark);
        Watermark = watermark;
        return [.. activities.Where(a => a.GetProperty("from").GetProperty("id").GetString() != Session.UserId)];
    }

    /// <summary>Waits (polling the history, up to 10 s) for an activity whose text contains <paramref name="fragment"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string fragment)
    {
        var seen = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            foreach (var activity in await ReadAsync())
            {
                var text = Text(activity);
                seen.Add(text);
                if (text.Contains(fragment, StringComparison.Ordinal))
                {
                    return activity;
                }
            }
            await Task.Delay(100, HandoffHost.Ct);
        }
        Assert.Fail($"No activity containing '{fragment}'. Seen: {string.Join(" | ", seen)}");
        return default;
    }

    public static string Text(JsonElement activity) => activity.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";

    public static string Texts(IReadOnlyList<JsonElement> activities) => string.Join("\n", activities.Select(Text));
}
