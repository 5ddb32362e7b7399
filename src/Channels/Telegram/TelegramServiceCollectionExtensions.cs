using ChatCare.Channels.Messaging;
using ChatCare.Core.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Channels.Telegram;

/// <summary>Registers the Telegram channel.</summary>
public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Adds options (validated at start; the channel is enabled only when <c>BotToken</c> is set), the Bot API client,
    /// the adapter, the inbox handler, the outbox transport, and the webhook registration or polling service.
    /// The host maps <see cref="TelegramEndpoints.MapTelegram"/> and registers the inbox and outbox stores.
    /// </summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddChannelMessaging();
        services.AddHttpClient(TelegramBot.HttpClientName);
        services.AddSingleton<TelegramBot>();
        services.AddSingleton<TelegramChannelAdapter>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<TelegramChannelAdapter>());
        services.AddSingleton<IInboxHandler, TelegramInboxHandler>();
        services.AddSingleton<IOutboxTransport, TelegramTransport>();
        services.AddHostedService<TelegramUpdates>();
        return services;
    }
}
