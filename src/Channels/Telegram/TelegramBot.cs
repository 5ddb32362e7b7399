using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// Creates Telegram.Bot clients over the factory's pooled handlers. The library's own 429 retry is turned off:
/// the outbox owns retries, so a wait for <c>retry_after</c> never holds a worker and survives a restart.
/// </summary>
public sealed class TelegramBot(IHttpClientFactory httpClients, IOptions<TelegramOptions> options)
{
    /// <summary>Name of the HttpClient used for the Bot API.</summary>
    public const string HttpClientName = "telegram";

    /// <summary>A client for the configured bot.</summary>
    /// <exception cref="InvalidOperationException">The channel is not configured.</exception>
    public ITelegramBotClient Client
    {
        get
        {
            var settings = options.Value;
            if (!settings.Enabled)
            {
                throw new InvalidOperationException("Telegram is not configured (ChatCare:Channels:Telegram:BotToken is empty).");
            }
            var clientOptions = new TelegramBotClientOptions(settings.BotToken!, settings.ApiBaseUrl) { RetryThreshold = 0 };
            return new TelegramBotClient(clientOptions, httpClients.CreateClient(HttpClientName));
        }
    }
}
