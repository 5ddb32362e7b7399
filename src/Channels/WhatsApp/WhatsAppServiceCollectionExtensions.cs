using ChatCare.Channels.Messaging;
using ChatCare.Core.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatCare.Channels.WhatsApp;

/// <summary>Registers the WhatsApp Cloud API channel.</summary>
public static class WhatsAppServiceCollectionExtensions
{
    /// <summary>
    /// Adds options (validated at start; the channel is enabled only when all four credentials are set), the Graph API
    /// client (timeout and circuit breaker, no retries: the outbox retries), the adapter, the inbox handler and the transport.
    /// The host maps <see cref="WhatsAppEndpoints.MapWhatsApp"/> and registers the inbox and outbox stores.
    /// </summary>
    public static IServiceCollection AddWhatsAppChannel(this IServiceCollection services)
    {
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddChannelMessaging();
        services.AddHttpClient(GraphApiClient.HttpClientName, (sp, http) =>
            {
                var settings = sp.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
                http.BaseAddress = new Uri(settings.GraphApiBaseUrl.TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("whatsapp-graph", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
                // Stop hammering a Graph API that is down; the outbox retries once the break is over.
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                });
            });
        services.AddSingleton<GraphApiClient>();
        services.AddSingleton<WhatsAppChannelAdapter>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<WhatsAppChannelAdapter>());
        services.AddSingleton<IInboxHandler, WhatsAppInboxHandler>();
        services.AddSingleton<IOutboxTransport, WhatsAppTransport>();
        return services;
    }
}
