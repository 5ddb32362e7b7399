using System.Globalization;
using System.Text.Json;
using ChatCare.Channels.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// Where updates come from. Webhook mode with <c>PublicBaseUrl</c>: calls <c>setWebhook</c> (with the secret) at start,
/// retrying until Telegram accepts. Polling mode: removes any webhook (the two exclude each other), then long-polls
/// <c>getUpdates</c>, storing each update in the inbox before the next call's <c>offset</c> confirms it to Telegram.
/// </summary>
public sealed partial class TelegramUpdates(TelegramBot bot, IChannelInbox inbox, InboxWakeUp wakeUp, IOptions<TelegramOptions> options,
    ILogger<TelegramUpdates> logger) : BackgroundService
{
    private static readonly UpdateType[] Handled = [UpdateType.Message, UpdateType.CallbackQuery];
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    /// <summary>Stores an update in the inbox; false when it was stored before.</summary>
    public static Task<bool> StoreAsync(IChannelInbox inbox, Update update, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(update);
        var chat = TelegramMapper.ChatOf(update);
        var occurredAt = update.Message?.Date is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : DateTimeOffset.UtcNow;
        return inbox.TryAddAsync(new NewInboxItem(
            TelegramMapper.ChannelId,
            update.Id.ToString(CultureInfo.InvariantCulture),
            chat is { } id ? TelegramMapper.ConversationIdOf(id) : TelegramMapper.ChannelId + ":none",
            InboxKinds.CustomerMessage,
            json,
            occurredAt), cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        if (settings.Mode == TelegramMode.Polling)
        {
            await RetryAsync(ct => bot.Client.DeleteWebhook(cancellationToken: ct), "deleteWebhook", stoppingToken);
            await PollAsync(settings, stoppingToken);
        }
        else if (settings.WebhookUrl is { } url)
        {
            await RetryAsync(ct => bot.Client.SetWebhook(url, allowedUpdates: Handled, secretToken: settings.WebhookSecret,
                cancellationToken: ct), "setWebhook", stoppingToken);
            LogWebhookSet(logger, url);
        }
    }

    private async Task PollAsync(TelegramOptions settings, CancellationToken stoppingToken)
    {
        int? offset = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var updates = await bot.Client.GetUpdates(offset, limit: 100, timeout: settings.PollingTimeoutSeconds, allowedUpdates: Handled,
                    cancellationToken: stoppingToken);
                foreach (var update in updates)
                {
                    await StoreAsync(inbox, update, JsonSerializer.Serialize(update, JsonBotAPI.Options), stoppingToken);
                    // Confirmed to Telegram only by the next call, after it is stored.
                    offset = update.Id + 1;
                }
                if (updates.Length > 0)
                {
                    wakeUp.Signal.Signal();
                }
                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                var wait = WaitAfter(ex, failures);
                LogPollFailed(logger, ex, wait.TotalSeconds);
                await Task.Delay(wait, stoppingToken);
            }
        }
    }

    private async Task RetryAsync(Func<CancellationToken, Task> call, string method, CancellationToken stoppingToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await call(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var wait = WaitAfter(ex, failures);
                LogCallFailed(logger, ex, method, wait.TotalSeconds);
                await Task.Delay(wait, stoppingToken);
            }
        }
    }

    private static TimeSpan WaitAfter(Exception ex, int failures) =>
        ex is ApiRequestException { Parameters.RetryAfter: int seconds }
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(Math.Min(MaxBackOff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Telegram webhook set to {Url}")]
    private static partial void LogWebhookSet(ILogger logger, string url);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Telegram getUpdates failed; polling again in {Seconds} s")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Telegram {Method} failed; trying again in {Seconds} s")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string method, double seconds);
}
