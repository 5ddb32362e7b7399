using ChatCare.Bot.Stores;
using ChatCare.Channels.BotFramework;
using ChatCare.Channels.DirectLine;
using ChatCare.Channels.DirectLine.ActivityLog;
using ChatCare.Channels.Messaging;
using ChatCare.Channels.Telegram;
using ChatCare.Channels.WhatsApp;
using ChatCare.Core;
using ChatCare.Core.Conversations;
using ChatCare.Skills;
using ChatCare.Understanding;

namespace ChatCare.Bot.Hosting;

/// <summary>Composition of the host: one call per layer, so Program.cs reads like a table of contents.</summary>
public static class ChatCareHostingExtensions
{
    /// <summary>The turn engine, embedded LiteDB storage, understanding and skills.</summary>
    public static IServiceCollection AddChatCareCore(this IServiceCollection services)
    {
        services.AddChatCareEngine();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<ChatCareDatabase>();
        services.AddSingleton<IConversationStateStore, LiteDbConversationStateStore>();
        services.AddSingleton<ITranscriptStore, LiteDbTranscriptStore>();
        services.AddChatCareUnderstanding();
        services.AddChatCareSkills();
        return services;
    }

    /// <summary>The channels customers reach ChatCare through.</summary>
    public static IServiceCollection AddChatCareChannels(this IServiceCollection services)
    {
        services.AddBotFrameworkChannel();
        services.AddDirectLineChannel();
        services.AddSingleton<IDirectLineActivityLog, LiteDbDirectLineActivityLog>();
        // Telegram and WhatsApp: each enabled only when configured; both share the durable inbox and outbox.
        services.AddTelegramChannel();
        services.AddWhatsAppChannel();
        services.AddSingleton<IChannelInbox, LiteDbChannelInbox>();
        services.AddSingleton<IChannelOutbox, LiteDbChannelOutbox>();
        return services;
    }
}
