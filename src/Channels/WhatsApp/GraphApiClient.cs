using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatCare.Channels.WhatsApp;

/// <summary>
/// A thin client of the Graph API's <c>/{version}/{phone-number-id}/messages</c>. It does not retry sends (the outbox
/// does, and a blind retry after a timeout could deliver twice); its HttpClient has a timeout and a circuit breaker.
/// </summary>
public sealed class GraphApiClient(IHttpClientFactory httpClients, IOptions<WhatsAppOptions> options)
{
    /// <summary>Name of the HttpClient used for the Graph API.</summary>
    public const string HttpClientName = "whatsapp-graph";

    /// <summary>Posts a message body; returns the wamid or the Graph error.</summary>
    public async Task<GraphResult> SendAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.GraphApiVersion}/{settings.PhoneNumberId}/messages")
        {
            Content = JsonContent.Create(body, WhatsAppOutgoingJson.Default.JsonObject),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var sent = TryParse(content, WhatsAppJson.Default.GraphSendResponse);
            return new GraphResult(response.StatusCode, sent?.Messages is { Count: > 0 } accepted ? accepted[0].Id : null, null);
        }
        var error = TryParse(content, WhatsAppJson.Default.GraphErrorResponse)?.Error;
        return new GraphResult(response.StatusCode, null, error);
    }

    private static T? TryParse<T>(byte[] content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return content.Length == 0 ? default : JsonSerializer.Deserialize(content, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

/// <summary>The outcome of a Graph API call.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="MessageId">The wamid of an accepted message.</param>
/// <param name="Error">The Graph error, when there is one.</param>
public sealed record GraphResult(HttpStatusCode Status, string? MessageId, GraphError? Error)
{
    /// <summary>Outside the 24-hour customer-service window.</summary>
    public const int ReengagementRequired = 131047;

    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 131057];

    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>True when trying again later may succeed (throttling, outages).</summary>
    public bool IsTransient => (int)Status >= 500 || Status == HttpStatusCode.TooManyRequests || Error is { } e && TransientCodes.Contains(e.Code);

    /// <summary>A one-line description.</summary>
    public string Describe() => Error is { } e
        ? $"{(int)Status} ({e.Code}) {e.Message} {e.ErrorData?.Details}".Trim()
        : $"{(int)Status} {Status}";
}
