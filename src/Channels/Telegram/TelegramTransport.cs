using System.Net;
using System.Text.Json;
using ChatCare.Channels.Messaging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// Sends outbox messages with Telegram.Bot's <c>SendMessage</c>. 429 waits <c>retry_after</c>; 5xx, network errors and
/// timeouts are retried with back-off; other 4xx (blocked by the user, chat not found, bad markup) are permanent.
/// </summary>
public sealed class TelegramTransport(TelegramBot bot, IOptions<TelegramOptions> options) : IOutboxTransport
{
    /// <inheritdoc />
    public string Channel => TelegramMapper.ChannelId;

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!options.Value.Enabled)
        {
            return SendOutcome.Fail("Telegram is not configured.");
        }
        var outgoing = JsonSerializer.Deserialize(message.Payload, TelegramOutgoingJson.Default.TelegramOutgoing)
            ?? throw new InvalidDataException($"Outbox message {message.Id} is empty.");
        var keyboard = outgoing.Buttons is { Count: > 0 } buttons
            ? new InlineKeyboardMarkup(buttons.Select(b => new[]
            {
                b.Url is not null ? InlineKeyboardButton.WithUrl(b.Text, b.Url) : InlineKeyboardButton.WithCallbackData(b.Text, b.CallbackData!),
            }))
            : null;
        try
        {
            var sent = await bot.Client.SendMessage(outgoing.ChatId, outgoing.Html, ParseMode.Html, replyMarkup: keyboard,
                cancellationToken: cancellationToken);
            return SendOutcome.Sent(sent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == (int)HttpStatusCode.TooManyRequests)
        {
            var wait = ex.Parameters?.RetryAfter is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return SendOutcome.Retry($"429 {ex.Message}", wait);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode >= 500)
        {
            return SendOutcome.Retry($"{ex.ErrorCode} {ex.Message}");
        }
        catch (ApiRequestException ex)
        {
            return SendOutcome.Fail($"{ex.ErrorCode} {ex.Message}");
        }
    }
}
