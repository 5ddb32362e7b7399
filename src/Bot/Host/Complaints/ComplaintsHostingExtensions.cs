using ChatCare.Bot.Stores;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;

namespace ChatCare.Bot.Complaints;

/// <summary>LiteDB stores, signed links and the retention job of complaints and privacy.</summary>
public static class ComplaintsHostingExtensions
{
    /// <summary>The stores behind the complaint, status and data-rights skills, and the transcript retention job.</summary>
    public static IServiceCollection AddChatCareComplaintStores(this IServiceCollection services)
    {
        services.AddSingleton<IConsentStore, LiteDbConsentStore>();
        services.AddSingleton<IComplaintStore, LiteDbComplaintStore>();
        services.AddSingleton<IDataRightsStore, LiteDbDataRightsStore>();
        services.AddSingleton<ITranscriptRetention, LiteDbTranscriptRetention>();
        services.AddSingleton<ILinkSigner, HmacLinkSigner>();
        services.AddSingleton<TranscriptRetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptRetentionJob>());
        return services;
    }
}
