using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatCare.Bot.Commands;

namespace ChatCare.Bot.IntegrationTests.Staff;

/// <summary>Staff accounts created with <c>agents add</c>, sign-in, bearer tokens and the staff policies (STD-H4 groundwork).</summary>
public sealed class StaffAuthTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("chatcare-staff-").FullName;
    private ChatCareApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await StaffClient.AddAsync(_dataDirectory, "Ana", "Ana Torres", "agent", teams: "support,sales", capacity: 2);
        await StaffClient.AddAsync(_dataDirectory, "sup", "Sara Supervisora", "supervisor");
        _app = new ChatCareApplication(_dataDirectory);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Login_WithTheCommandsPassword_GivesATokenThatIdentifiesTheAgent()
    {
        var http = _app.CreateClient();
        var token = await StaffClient.LoginAsync(http, "ANA "); // sign-in names ignore case and surrounding spaces

        using var me = StaffClient.As(_app, token);
        var body = await me.GetFromJsonAsync<JsonElement>("/api/agent/me", Ct);
        Assert.Equal("ana", body.GetProperty("user").GetString());
        Assert.Equal("Ana Torres", body.GetProperty("name").GetString());
        Assert.Equal("agent", body.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("ana", "wrong-password-123")]
    [InlineData("nobody", StaffClient.Password)]
    public async Task Login_WithWrongCredentials_Is401ProblemDetails(string user, string password)
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/agent/login", new { user, password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"user\":\"ana\"}")]
    [InlineData("{\"user\":")]
    [InlineData("[]")]
    public async Task Login_WithABadBody_Is400(string json)
    {
        using var response = await _app.CreateClient().PostAsync("/api/agent/login", BotClient.Json(json), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task StaffEndpoint_WithoutAValidToken_Is401(string? token)
    {
        using var http = _app.CreateClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.GetAsync("/api/agent/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_IsRateLimitedPerAddress_With429AndRetryAfter()
    {
        await using var app = new ChatCareApplication(_dataDirectory, new() { ["ChatCare:Staff:LoginAttemptsPerMinute"] = "3" });
        var http = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/agent/login", new { user = "ana", password = "guess-" + i }, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Token_ExpiresAfterTheConfiguredLifetime()
    {
        var token = await StaffClient.LoginAsync(_app.CreateClient(), "ana");
        using var http = StaffClient.As(_app, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/agent/me", Ct)).StatusCode);

        _app.Clock.Now += TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1);
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/agent/me", Ct)).StatusCode);
        }
        finally
        {
            _app.Clock.Now -= TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1);
        }
    }

    [Fact]
    public async Task SupervisorPolicy_RefusesAnAgent_AndLetsASupervisorAddAccountsWhileTheHostRuns()
    {
        using var agent = StaffClient.As(_app, await StaffClient.LoginAsync(_app.CreateClient(), "ana"));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/agent/accounts", Ct)).StatusCode);

        using var supervisor = StaffClient.As(_app, await StaffClient.LoginAsync(_app.CreateClient(), "sup"));
        var accounts = await supervisor.GetFromJsonAsync<JsonElement>("/api/agent/accounts", Ct);
        var ana = accounts.EnumerateArray().Single(a => a.GetProperty("user").GetString() == "ana");
        Assert.Equal(["support", "sales"], ana.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2, ana.GetProperty("capacity").GetInt32());
        Assert.DoesNotContain("hash", accounts.GetRawText(), StringComparison.OrdinalIgnoreCase);

        using var tooShort = await supervisor.PostAsJsonAsync("/api/agent/accounts",
            new { user = "luis", name = "Luis", role = "agent", password = "short" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);

        using var created = await supervisor.PostAsJsonAsync("/api/agent/accounts",
            new { user = "luis", name = "Luis Díaz", role = "agent", password = "another-long-password" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await StaffClient.LoginAsync(_app.CreateClient(), "luis", "another-long-password");
    }

    [Fact]
    public async Task AgentsAdd_WithoutPasswordStdin_OrAShortPassword_IsRefused()
    {
        var directory = Directory.CreateTempSubdirectory("chatcare-staff-cmd-").FullName;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var args = new[] { $"--ChatCare:DataDirectory={directory}" };

        Assert.Equal(2, await AgentsCommand.AddAsync(new AddAgent("x", "X", "agent", PasswordStdin: false), args,
            new StringReader(StaffClient.Password), output, error, Ct));
        Assert.Equal(2, await AgentsCommand.AddAsync(new AddAgent("x", "X", "agent", PasswordStdin: true), args,
            new StringReader("short\n"), output, error, Ct));
        Assert.Contains("at least 10 characters", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredHash_IsNotThePassword_AndTokensSurviveARestart()
    {
        var token = await StaffClient.LoginAsync(_app.CreateClient(), "ana");
        await _app.DisposeAsync();

        var file = await File.ReadAllBytesAsync(Path.Combine(_dataDirectory, "chatcare.db"), Ct);
        Assert.DoesNotContain(StaffClient.Password, System.Text.Encoding.UTF8.GetString(file), StringComparison.Ordinal);

        _app = new ChatCareApplication(_dataDirectory);
        using var http = StaffClient.As(_app, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/agent/me", Ct)).StatusCode);
    }
}
