using ChatCare.Core.Skills;
using ChatCare.Skills.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Skills.Complaints;

/// <summary>Registers the complaint form, the status query and data-rights requests; their stores come from the host.</summary>
public static class ComplaintsServiceCollectionExtensions
{
    /// <summary>Options (bound from <c>ChatCare:Complaints</c> and <c>ChatCare:Organisation:Country</c>, validated at start) and the skills.</summary>
    public static IServiceCollection AddChatCareComplaints(this IServiceCollection services)
    {
        services.AddOptions<ComplaintsOptions>()
            .BindConfiguration(ComplaintsOptions.SectionName)
            .Configure<IConfiguration>((o, configuration) =>
            {
                if (configuration["ChatCare:Organisation:Country"] is { Length: > 0 } country)
                {
                    o.Country = country.Trim().ToUpperInvariant();
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Phrases>();
        services.AddSingleton<ComplaintSkill>();
        services.AddSingleton<ComplaintStatusSkill>();
        services.AddSingleton<DataRightsSkill>();
        // Order matters for entry skills: a status code or a rights request is checked before a new complaint.
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<ComplaintStatusSkill>());
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<DataRightsSkill>());
        services.AddSingleton<ISkill>(sp => sp.GetRequiredService<ComplaintSkill>());
        return services;
    }
}
