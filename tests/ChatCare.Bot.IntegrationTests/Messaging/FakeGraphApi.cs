using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatCare.Bot.IntegrationTests.Messaging;

/// <summary>
/// The Graph API's <c>POST /{version}/{phone-number-id}/messages</c>: answers a wamid for messages and
/// <c>{"success":true}</c> for read receipts; can be down (503) or answer queued Graph errors.
/// </summary>
public sealed class FakeGraphApi : LoopbackFake
{
    public const string Version = "v23.0";
    public const string PhoneNumberId = "106540352242922";
    public const string AccessToken = "EAAG-test-token";
    private int _sequence;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _errors = new();

    /// <summary>The coming message send to <paramref name="to"/> answers HTTP 400 with Graph error <paramref name="code"/>.</summary>
    public void FailNext(string to, int code) => _errors.GetOrAdd(to, _ => new()).Enqueue(code);

    /// <summary>While true, message sends answer 503.</summary>
    public bool Down { get => _down; set => _down = value; }

    private volatile bool _down;

    /// <summary>Accepted messages (not read receipts) to <paramref name="to"/>.</summary>
    public IReadOnlyList<RecordedCall> Sent(string to) => [.. Calls.Where(c => c.Name == "message" && c.Accepted && c.Str("to") == to)];

    protected override void Map(WebApplication app) =>
        app.MapPost("/{version}/{phoneNumberId}/messages", async (string version, string phoneNumberId, HttpRequest request) =>
        {
            if (version != Version || phoneNumberId != PhoneNumberId || request.Headers.Authorization != "Bearer " + AccessToken)
            {
                return Results.Json(Error(190, "Invalid OAuth access token."), statusCode: 401);
            }
            request.EnableBuffering();
            var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
            request.Body.Position = 0;
            if ((string?)body["status"] == "read")
            {
                await RecordAsync("read", request, accepted: true);
                return Results.Json(new JsonObject { ["success"] = true });
            }
            if (Down)
            {
                await RecordAsync("message", request, accepted: false);
                return Results.Json(Error(131000, "Something went wrong"), statusCode: 503);
            }
            if (_errors.TryGetValue((string?)body["to"] ?? "", out var queued) && queued.TryDequeue(out var code))
            {
                await RecordAsync("message", request, accepted: false);
                return Results.Json(Error(code, code == 131047 ? "Re-engagement message" : "Error"), statusCode: 400);
            }
            await RecordAsync("message", request, accepted: true);
            var to = (string)body["to"]!;
            return Results.Json(new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to.TrimStart('+') }),
                ["messages"] = new JsonArray(new JsonObject { ["id"] = "wamid.out." + Interlocked.Increment(ref _sequence) }),
            });
        });

    private static JsonObject Error(int code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = $"(#{code}) {message}", ["type"] = "OAuthException", ["code"] = code,
            ["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = message },
            ["fbtrace_id"] = "Az8or2yhqkZfEZ",
        },
    };
}
