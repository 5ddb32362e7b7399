using System.Runtime;
using ChatCare.Core.Messages;
using ChatCare.Understanding.Nlu;

namespace ChatCare.Bot.Hosting;

/// <summary>
/// Loads the knowledge base and trains understanding before the host takes traffic, so the first customer does not wait;
/// then returns the memory training used to the operating system.
/// </summary>
public sealed class UnderstandingWarmup(IServiceProvider services) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IMessageCatalog>();
        _ = services.GetRequiredService<OfflineUnderstanding>();
        // Training allocates several times what the trained models keep (feature matrices, ML.NET buffers, many on the
        // large-object heap). One aggressive, compacting collection now gives it back instead of carrying it for the
        // life of the process.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
