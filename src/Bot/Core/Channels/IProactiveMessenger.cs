using ChatCare.Core.Activities;

namespace ChatCare.Core.Channels;

/// <summary>
/// Sends activities to a conversation outside a turn (an agent's message, a complaint's answer, a reminder),
/// on the channel the conversation lives on.
/// </summary>
public interface IProactiveMessenger
{
    /// <summary>Delivers <paramref name="activities"/> through the adapter of <paramref name="to"/>'s channel.</summary>
    /// <exception cref="InvalidOperationException">No adapter serves that channel.</exception>
    Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);
}

/// <summary>Routes proactive messages to the registered <see cref="IChannelAdapter"/> of the conversation's channel.</summary>
public sealed class ProactiveMessenger(IEnumerable<IChannelAdapter> adapters) : IProactiveMessenger
{
    private readonly Dictionary<string, IChannelAdapter> _byChannel =
        adapters.ToDictionary(a => a.ChannelId, StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (!_byChannel.TryGetValue(to.ChannelId, out var adapter))
        {
            throw new InvalidOperationException($"No channel adapter serves '{to.ChannelId}'.");
        }
        return adapter.SendAsync(to, activities, cancellationToken);
    }
}
