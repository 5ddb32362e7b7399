using ChatCare.Core.Messages;
using ChatCare.Understanding.Nlu;

namespace ChatCare.Bot.Hosting;

/// <summary>Loads the knowledge base and trains understanding before the host takes traffic, so the first customer does not wait.</summary>
public sealed class UnderstandingWarmup(IServiceProvider services) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IMessageCatalog>();
        _ = services.GetRequiredService<OfflineUnderstanding>();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
