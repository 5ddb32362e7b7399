using ChatCare.Core.Handoff;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Farewell;
using ChatCare.Skills.Faq;
using ChatCare.Skills.Greeting;
using ChatCare.Skills.Handoff;
using ChatCare.Skills.NeedIdentification;
using ChatCare.Skills.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatCare.Skills;

/// <summary>Registers the skills and the router. Skills are singletons: they are stateless, conversation state lives in the store.</summary>
public static class SkillsServiceCollectionExtensions
{
    /// <summary>Adds every skill, the router as the turn handler, and the skills' options.</summary>
    public static IServiceCollection AddChatCareSkills(this IServiceCollection services)
    {
        services.AddOptions<MenuOptions>().BindConfiguration(MenuOptions.SectionName);
        services.AddOptions<FaqOptions>().BindConfiguration(FaqOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<DayPart>();
        services.AddSingleton<TopicMenu>();
        services.AddSingleton<GreetingSkill>();
        services.AddSingleton<FarewellSkill>();
        services.AddSingleton<FaqSkill>();
        services.AddSingleton<NeedIdentificationSkill>();
        services.AddSingleton<ContactFallbackSkill>();
        services.AddSingleton<HandoffSkill>();
        // The host replaces it with the real desk (queues and agents); without one, a person request gets the contact channels.
        services.TryAddSingleton<IHandoffDesk, NoAgentsDesk>();
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<GreetingSkill>());
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<FarewellSkill>());
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<FaqSkill>());
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<NeedIdentificationSkill>());
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<ContactFallbackSkill>());
        services.AddChatCareComplaints();
        services.AddSingleton<ITurnHandler, SkillRouter>();
        return services;
    }
}
