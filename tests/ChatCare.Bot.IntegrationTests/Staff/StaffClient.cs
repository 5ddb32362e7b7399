using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatCare.Bot.Commands;

namespace ChatCare.Bot.IntegrationTests.Staff;

/// <summary>Creates staff accounts through the real <c>agents add</c> command and signs them in over HTTP.</summary>
public static class StaffClient
{
    public const string Password = "correct-horse-battery";

    /// <summary>Runs <c>agents add … --password-stdin</c> against <paramref name="dataDirectory"/> (before the host opens it).</summary>
    public static async Task AddAsync(string dataDirectory, string user, string name, string role = "agent", string? teams = null, int? capacity = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AgentsCommand.AddAsync(new AddAgent(user, name, role, PasswordStdin: true, teams, capacity),
            [$"--ChatCare:DataDirectory={dataDirectory}"], new StringReader(Password + "\n"), output, error, TestContext.Current.CancellationToken);
        Assert.True(exit == 0, error.ToString());
    }

    /// <summary>Signs in and returns the bearer token.</summary>
    public static async Task<string> LoginAsync(HttpClient http, string user, string password = Password)
    {
        using var response = await http.PostAsJsonAsync("/api/agent/login", new { user, password }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>A client of the same host that sends <paramref name="token"/> on every request.</summary>
    public static HttpClient As(ChatCareApplication app, string token)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
