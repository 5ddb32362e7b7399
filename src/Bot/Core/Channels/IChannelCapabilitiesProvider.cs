namespace ChatCare.Core.Channels;

/// <summary>Looks up what a channel can show, from the registered adapters.</summary>
public interface IChannelCapabilitiesProvider
{
    /// <summary>Capabilities of <paramref name="channelId"/>; Bot Framework defaults for channels without an adapter.</summary>
    ChannelCapabilities For(string? channelId);
}

/// <summary>Capabilities from the registered <see cref="IChannelAdapter"/>s, else <see cref="ChannelCapabilities.Full"/>.</summary>
public sealed class ChannelCapabilitiesProvider(IEnumerable<IChannelAdapter> adapters) : IChannelCapabilitiesProvider
{
    private readonly Dictionary<string, ChannelCapabilities> _byChannel =
        adapters.ToDictionary(a => a.ChannelId, a => a.Capabilities, StringComparer.Ordinal);

    /// <inheritdoc />
    public ChannelCapabilities For(string? channelId) =>
        channelId is not null && _byChannel.TryGetValue(channelId, out var capabilities) ? capabilities : ChannelCapabilities.Full;
}
