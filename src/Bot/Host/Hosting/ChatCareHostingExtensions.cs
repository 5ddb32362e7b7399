using ChatCare.Bot.Stores;
using ChatCare.Channels.BotFramework;
using ChatCare.Core.Channels;
using ChatCare.Core.Configuration;
using ChatCare.Core.Conversations;
using ChatCare.Core.Turns;
using ChatCare.Core.Turns.Middleware;
using ChatCare.Skills;
using ChatCare.Understanding;

namespace ChatCare.Bot.Hosting;

/// <summary>Composition of the host: one call per layer, so Program.cs reads like a table of contents.</summary>
public static class ChatCareHostingExtensions
{
    /// <summary>Options (validated at start), storage, the turn engine, understanding and skills.</summary>
    public static IServiceCollection AddChatCareCore(this IServiceCollection services)
    {
        services.AddOptions<ChatCareOptions>().BindConfiguration(ChatCareOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrganisationOptions>().BindConfiguration(OrganisationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PersonaOptions>().BindConfiguration(PersonaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimeOfDayOptions>().BindConfiguration(TimeOfDayOptions.SectionName).ValidateOnStart();
        services.AddOptions<UnderstandingOptions>().BindConfiguration(UnderstandingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChatCareDatabase>();
        services.AddSingleton<IConversationStateStore, LiteDbConversationStateStore>();
        services.AddSingleton<ITranscriptStore, LiteDbTranscriptStore>();

        // Middleware runs in registration order: outermost first.
        services.AddSingleton<ITurnMiddleware, DeduplicationMiddleware>();
        services.AddSingleton<ITurnMiddleware, TranscriptMiddleware>();
        services.AddSingleton<ITurnMiddleware, TypingMiddleware>();
        services.AddSingleton<ITurnMiddleware, ReplyShapingMiddleware>();
        services.AddSingleton<ITurnMiddleware, UnderstandingMiddleware>();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<IChannelCapabilitiesProvider, ChannelCapabilitiesProvider>();
        services.AddSingleton<TurnProcessor>();

        services.AddChatCareUnderstanding();
        services.AddChatCareSkills();
        return services;
    }

    /// <summary>The channels customers reach ChatCare through.</summary>
    public static IServiceCollection AddChatCareChannels(this IServiceCollection services)
    {
        services.AddBotFrameworkChannel();
        return services;
    }
}
