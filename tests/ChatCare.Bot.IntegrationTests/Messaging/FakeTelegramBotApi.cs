using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatCare.Bot.IntegrationTests.Messaging;

/// <summary>
/// The Bot API as Telegram.Bot calls it: <c>POST /bot{token}/{method}</c> with a JSON body, answered with
/// <c>{"ok":true,"result":…}</c>. It can answer 429 with <c>retry_after</c>, be down (502), and serve <c>getUpdates</c>.
/// </summary>
public sealed class FakeTelegramBotApi : LoopbackFake
{
    public const string Token = "123456:TEST-token_abc";
    private readonly ConcurrentQueue<string> _updates = new();
    private int _messageId = 1000;

    private readonly ConcurrentDictionary<long, int> _tooManyRequests = new();
    private volatile bool _down;

    /// <summary>The coming <paramref name="count"/> sendMessage calls to <paramref name="chatId"/> answer 429 retry_after=<see cref="RetryAfterSeconds"/>.</summary>
    public void RefuseNext(long chatId, int count) => _tooManyRequests[chatId] = count;

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>While true, sendMessage answers 502 (an outage).</summary>
    public bool Down { get => _down; set => _down = value; }

    /// <summary>Queues an update for getUpdates.</summary>
    public void QueueUpdate(string json) => _updates.Enqueue(json);

    public IReadOnlyList<RecordedCall> Sent(long chatId) =>
        [.. Calls.Where(c => c.Name == "sendMessage" && c.Accepted && c.Str("chat_id") == chatId.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    protected override void Map(WebApplication app) =>
        app.MapPost("/bot{token}/{method}", async (string token, string method, HttpRequest request) =>
        {
            if (token != Token)
            {
                return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 401, ["description"] = "Unauthorized" }, statusCode: 401);
            }
            request.EnableBuffering();
            var peek = method == "sendMessage" ? JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) : null;
            request.Body.Position = 0;
            var chat = (long?)peek?["chat_id"] ?? 0;
            switch (method)
            {
                case "sendMessage" when _tooManyRequests.TryGetValue(chat, out var refusals) && refusals > 0
                    && _tooManyRequests.TryUpdate(chat, refusals - 1, refusals):
                    await RecordAsync(method, request, accepted: false);
                    return Results.Json(new JsonObject
                    {
                        ["ok"] = false, ["error_code"] = 429, ["description"] = $"Too Many Requests: retry after {RetryAfterSeconds}",
                        ["parameters"] = new JsonObject { ["retry_after"] = RetryAfterSeconds },
                    }, statusCode: 429);
                case "sendMessage" when Down:
                    await RecordAsync(method, request, accepted: false);
                    return Results.Text("<html>502 Bad Gateway</html>", "text/html", statusCode: 502);
                case "sendMessage":
                    var body = await RecordAsync(method, request, accepted: true);
                    return Ok(new JsonObject
                    {
                        ["message_id"] = Interlocked.Increment(ref _messageId),
                        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                        ["chat"] = new JsonObject { ["id"] = body.GetProperty("chat_id").GetInt64(), ["type"] = "private" },
                        ["text"] = body.GetProperty("text").GetString(),
                    });
                case "getUpdates":
                    var query = await RecordAsync(method, request, accepted: true);
                    var offset = query.ValueKind == JsonValueKind.Object && query.TryGetProperty("offset", out var o) ? o.GetInt64() : 0;
                    var pending = _updates.Select(u => JsonNode.Parse(u)!).Where(u => (long)u["update_id"]! >= offset).ToList();
                    if (pending.Count == 0)
                    {
                        await Task.Delay(200);
                    }
                    return Ok(new JsonArray([.. pending]));
                default:
                    await RecordAsync(method, request, accepted: true);
                    return Ok(JsonValue.Create(true));
            }
        });

    private static IResult Ok(JsonNode result) => Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });

    /// <summary>A text message update.</summary>
    public static string TextUpdate(long updateId, long chatId, string text, string firstName = "Ana", string language = "es") =>
        new JsonObject
        {
            ["update_id"] = updateId,
            ["message"] = new JsonObject
            {
                ["message_id"] = updateId % 100000,
                ["date"] = 1773154800,
                ["from"] = new JsonObject { ["id"] = chatId, ["is_bot"] = false, ["first_name"] = firstName, ["language_code"] = language },
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = firstName },
                ["text"] = text,
            },
        }.ToJsonString();

    /// <summary>A button press update.</summary>
    public static string CallbackUpdate(long updateId, long chatId, string data, string queryId) =>
        new JsonObject
        {
            ["update_id"] = updateId,
            ["callback_query"] = new JsonObject
            {
                ["id"] = queryId,
                ["chat_instance"] = "-87234",
                ["from"] = new JsonObject { ["id"] = chatId, ["is_bot"] = false, ["first_name"] = "Ana", ["language_code"] = "es" },
                ["message"] = new JsonObject
                {
                    ["message_id"] = 7, ["date"] = 1773154800,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" }, ["text"] = "…",
                },
                ["data"] = data,
            },
        }.ToJsonString();
}
