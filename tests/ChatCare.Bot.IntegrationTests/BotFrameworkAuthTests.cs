using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using ChatCare.Core.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>
/// With <c>ChatCare:Channels:BotFramework:AppId</c> set, /api/messages requires a Bot Framework channel JWT, and replies
/// to a serviceUrl carry the bot's own token. A fake identity provider and connector on loopback stand in for Microsoft's.
/// </summary>
public sealed class BotFrameworkAuthTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string AppPassword = "s3cret-app-password";
    private const string Issuer = "https://api.botframework.com";
    private readonly RSA _channelKey = RSA.Create(2048);
    private readonly RSA _strangerKey = RSA.Create(2048);
    private readonly ConcurrentQueue<(string? Authorization, Activity Activity)> _posted = new();
    private WebApplication? _remote;
    private ChatCareApplication? _app;
    private string _remoteUrl = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _remote = builder.Build();
        _remote.MapGet("/openid", () => Results.Json(new { issuer = Issuer, jwks_uri = _remoteUrl + "keys" }));
        _remote.MapGet("/keys", () =>
        {
            var key = _channelKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "channel-key", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } } });
        });
        _remote.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return form["client_id"] == AppId && form["client_secret"] == AppPassword && form["grant_type"] == "client_credentials"
                ? Results.Json(new { access_token = "bot-token-1", expires_in = 3600, token_type = "Bearer" })
                : Results.Unauthorized();
        });
        _remote.MapPost("/connector/v3/conversations/{conversationId}/activities/{replyToId}", async (HttpRequest request) =>
        {
            _posted.Enqueue((request.Headers.Authorization.ToString(), (await request.ReadFromJsonAsync(ActivityJson.Context.Activity))!));
            return Results.Ok(new { id = Guid.NewGuid().ToString() });
        });
        await _remote.StartAsync();
        _remoteUrl = _remote.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        _app = new ChatCareApplication(settings: new()
        {
            ["ChatCare:Channels:BotFramework:AppId"] = AppId,
            ["ChatCare:Channels:BotFramework:AppPassword"] = AppPassword,
            ["ChatCare:Channels:BotFramework:OpenIdMetadataUrl"] = _remoteUrl + "openid",
            ["ChatCare:Channels:BotFramework:TokenEndpoint"] = _remoteUrl + "token",
        });
    }

    public async ValueTask DisposeAsync()
    {
        _app?.Dispose();
        if (_remote is not null)
        {
            await _remote.DisposeAsync();
        }
        _channelKey.Dispose();
        _strangerKey.Dispose();
    }

    private string ServiceUrl => _remoteUrl + "connector/";

    [Fact]
    public async Task AValidChannelToken_IsAccepted_AndRepliesComeBack()
    {
        using var response = await PostAsync(Token(), ExpectReplies("c-ok"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await response.Content.ReadFromJsonAsync(ActivityJson.Context.ExpectedReplies, TestContext.Current.CancellationToken);
        Assert.Contains(replies!.Activities, a => a.IsMessage);
    }

    [Fact]
    public async Task MissingForgedExpiredOrMisaddressedTokens_Get401_AndNoTurnRuns()
    {
        var now = DateTime.UtcNow;
        string?[] refused =
        [
            null,
            Token(audience: "another-bot"),
            Token(issuer: "https://evil.example"),
            Token(expires: now.AddMinutes(-10), notBefore: now.AddHours(-1)),
            Token(key: _strangerKey),
            "not-a-jwt",
        ];

        foreach (var token in refused)
        {
            using var response = await PostAsync(token, ExpectReplies("c-refused"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        var transcript = await _app!.Services.GetRequiredService<Core.Conversations.ITranscriptStore>().ReadAsync("c-refused", TestContext.Current.CancellationToken);
        Assert.Empty(transcript);
    }

    [Fact]
    public async Task ATokenForAnotherServiceUrl_Gets403()
    {
        using var response = await PostAsync(Token(serviceUrl: "https://other-channel.example/"), ExpectReplies("c-other"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RepliesToTheServiceUrl_CarryTheBotsOwnToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var activity = ExpectReplies("c-post") with { DeliveryMode = null };

        using var response = await PostAsync(Token(), activity);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        for (var i = 0; i < 100 && !_posted.Any(p => p.Activity.IsMessage); i++)
        {
            await Task.Delay(50, ct);
        }
        var posted = Assert.Single(_posted.Where(p => p.Activity.IsMessage).Take(1));
        Assert.Equal("Bearer bot-token-1", posted.Authorization);
    }

    private Task<HttpResponseMessage> PostAsync(string? token, Activity activity)
    {
        var client = _app!.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client.PostAsJsonAsync("/api/messages", activity, ActivityJson.Context.Activity, TestContext.Current.CancellationToken);
    }

    private Activity ExpectReplies(string conversationId) => new()
    {
        Type = ActivityTypes.Message, Id = "m-" + conversationId, Text = "hola", ChannelId = "msteams", ServiceUrl = ServiceUrl,
        DeliveryMode = DeliveryModes.ExpectReplies,
        Conversation = new ConversationAccount(conversationId), From = new ChannelAccount("u1"), Recipient = new ChannelAccount(AppId),
    };

    private string Token(string audience = AppId, string issuer = Issuer, string? serviceUrl = null, RSA? key = null,
        DateTime? expires = null, DateTime? notBefore = null)
    {
        var signingKey = new RsaSecurityKey(key ?? _channelKey) { KeyId = "channel-key" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl ?? ServiceUrl)]),
            NotBefore = notBefore ?? DateTime.UtcNow.AddMinutes(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(30),
            IssuedAt = notBefore ?? DateTime.UtcNow.AddMinutes(-1),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
