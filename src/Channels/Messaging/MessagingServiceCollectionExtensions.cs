using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatCare.Channels.Messaging;

/// <summary>Registers the durable inbox worker and outbox dispatcher shared by the Telegram and WhatsApp channels.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the workers once, whichever channel asks first. The stores (<see cref="IChannelInbox"/>,
    /// <see cref="IChannelOutbox"/>) are registered by the host.
    /// </summary>
    public static IServiceCollection AddChannelMessaging(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(InboxWakeUp)))
        {
            return services;
        }
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<InboxWakeUp>();
        services.TryAddSingleton<OutboxWakeUp>();
        services.AddHostedService<InboxWorker>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
