using ChatCare.Core.Handoff;
using ChatCare.Core.Turns;
using ChatCare.Handoff.Agents;
using ChatCare.Handoff.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace ChatCare.Handoff;

/// <summary>Registers and maps the hand-off to people; the host provides the LiteDB stores.</summary>
public static class HandoffServiceCollectionExtensions
{
    /// <summary>The desk (replacing the skills' no-people default), agents' workspace, presence, SignalR and typification.</summary>
    public static IServiceCollection AddChatCareHandoff(this IServiceCollection services)
    {
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BusinessHours>();
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<AgentNotifications>();
        services.AddSingleton<QueueMoves>();
        services.AddSingleton<HandoffDesk>();
        services.AddSingleton<IHandoffDesk>(sp => sp.GetRequiredService<HandoffDesk>());
        services.AddSingleton<AgentWorkspace>();
        services.AddSingleton<ITurnMiddleware, TypificationMiddleware>();
        services.AddHostedService<QueueAnnouncer>();
        services.AddSignalR();
        return services;
    }

    /// <summary>The agent API, its hub, and the agent console at <c>/agent</c>.</summary>
    public static IEndpointRouteBuilder MapChatCareHandoff(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var console = Path.Combine(AppContext.BaseDirectory, "agent-console");
        if (Directory.Exists(console))
        {
            var files = new PhysicalFileProvider(console);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/agent" });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/agent" });
        }
        app.MapAgentApi();
        return app;
    }
}
