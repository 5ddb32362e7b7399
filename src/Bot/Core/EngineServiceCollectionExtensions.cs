using ChatCare.Core.Channels;
using ChatCare.Core.Configuration;
using ChatCare.Core.Turns;
using ChatCare.Core.Turns.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatCare.Core;

/// <summary>Registers the turn engine; storage is registered by the host (LiteDB by default).</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Options (validated at start), the middleware pipeline in order, and the turn processor.</summary>
    public static IServiceCollection AddChatCareEngine(this IServiceCollection services)
    {
        services.AddOptions<ChatCareOptions>().BindConfiguration(ChatCareOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrganisationOptions>().BindConfiguration(OrganisationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PersonaOptions>().BindConfiguration(PersonaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimeOfDayOptions>().BindConfiguration(TimeOfDayOptions.SectionName).ValidateOnStart();
        services.AddOptions<UnderstandingOptions>().BindConfiguration(UnderstandingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Middleware runs in registration order, outermost first: a duplicate is dropped before anything is recorded,
        // the transcript sees the replies as shaped for the channel, and skills see the understood message.
        services.AddSingleton<ITurnMiddleware, DeduplicationMiddleware>();
        services.AddSingleton<ITurnMiddleware, TranscriptMiddleware>();
        services.AddSingleton<ITurnMiddleware, TypingMiddleware>();
        services.AddSingleton<ITurnMiddleware, ReplyShapingMiddleware>();
        services.AddSingleton<ITurnMiddleware, UnderstandingMiddleware>();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<IChannelCapabilitiesProvider, ChannelCapabilitiesProvider>();
        services.AddSingleton<IProactiveMessenger, ProactiveMessenger>();
        services.AddSingleton<TurnProcessor>();
        return services;
    }
}
