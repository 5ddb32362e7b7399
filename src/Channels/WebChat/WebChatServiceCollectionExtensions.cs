using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Channels.WebChat;

/// <summary>Registers the web chat page and widget. Needs the Direct Line channel (tokens, CORS policy) and the host's static files.</summary>
public static class WebChatServiceCollectionExtensions
{
    /// <summary>Adds the options, the page renderer and the token endpoint's rate limit.</summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebChatPage>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, WebChatEndpoints.TokenRateLimit>(WebChatEndpoints.TokenRateLimitPolicy));
        return services;
    }
}
