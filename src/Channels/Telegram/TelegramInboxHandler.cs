using System.Text.Json;
using ChatCare.Channels.Messaging;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Configuration;
using ChatCare.Core.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// Processes a stored Telegram update: answers a button press (so the client's spinner stops), runs the turn with
/// <c>sendChatAction</c> as its typing indicator, and puts the replies in the outbox.
/// </summary>
public sealed partial class TelegramInboxHandler(TurnProcessor turns, TelegramChannelAdapter adapter, TelegramBot bot,
    IOptions<PersonaOptions> persona, ILogger<TelegramInboxHandler> logger) : IInboxHandler
{
    /// <inheritdoc />
    public string Channel => TelegramMapper.ChannelId;

    /// <inheritdoc />
    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var update = JsonSerializer.Deserialize<Update>(item.Payload, JsonBotAPI.Options)
            ?? throw new InvalidDataException($"Telegram update {item.Key} is empty.");
        if (update.CallbackQuery is { } callback)
        {
            await BestEffortAsync(c => c.AnswerCallbackQuery(callback.Id, cancellationToken: cancellationToken), "answerCallbackQuery");
        }

        var activity = TelegramMapper.ToActivity(update, new ChannelAccount("chatcare", persona.Value.Name, "bot"));
        if (activity is null)
        {
            return;
        }
        var chatId = TelegramMapper.ChatOf(update)!.Value;
        var result = await turns.ProcessAsync(activity, cancellationToken,
            (_, ct) => BestEffortAsync(c => c.SendChatAction(chatId, ChatAction.Typing, cancellationToken: ct), "sendChatAction"));
        if (result.Replies.Count > 0)
        {
            await adapter.SendAsync(ConversationReference.FromInbound(activity), result.Replies, cancellationToken);
        }
    }

    // A typing indicator or a callback answer that fails must not cost the customer the reply.
    private async Task BestEffortAsync(Func<ITelegramBotClient, Task> call, string method)
    {
        try
        {
            await call(bot.Client);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBestEffortFailed(logger, ex, method);
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Telegram {Method} failed; the turn goes on")]
    private static partial void LogBestEffortFailed(ILogger logger, Exception exception, string method);
}
