using ChatCare.Core.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Channels.BotFramework;

/// <summary>Registers the Bot Framework channel.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>Adds options, channel token validation, the connector client (with the bot's token) and the reply dispatcher.</summary>
    public static IServiceCollection AddBotFrameworkChannel(this IServiceCollection services)
    {
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<ConnectorClient>().AddStandardResilienceHandler();
        services.AddHttpClient(BotTokenProvider.HttpClientName).AddStandardResilienceHandler();
        services.AddSingleton<BotTokenProvider>();
        services.AddHttpClient(nameof(ChannelTokenValidator));
        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<ConnectorClient>());
        services.AddSingleton<ReplyDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplyDispatcher>());
        return services;
    }
}
