using System.Collections.Concurrent;
using ChatCare.Core;
using ChatCare.Core.Activities;
using ChatCare.Core.Channels;
using ChatCare.Core.Conversations;
using ChatCare.Core.Skills;
using ChatCare.Core.Turns;
using ChatCare.Understanding;
using ChatCare.Understanding.Nlu;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Skills.Tests;

/// <summary>
/// The real engine, skills and understanding with in-memory storage and a settable clock.
/// The understanding pipeline is trained once per test run and shared, since training is the slow part.
/// </summary>
public sealed class TestBot : IDisposable
{
    // The provider that trained the shared pipeline stays alive: it owns the normalizer the pipeline uses.
    private static readonly Lazy<OfflineUnderstanding> Trained = new(() =>
        Services([], new SettableClock()).BuildServiceProvider().GetRequiredService<OfflineUnderstanding>());

    private readonly ServiceProvider _provider;

    public TestBot(Dictionary<string, string?>? settings = null, DateTimeOffset? now = null, IEnumerable<ISkill>? extraSkills = null,
        ChannelCapabilities? capabilities = null)
    {
        Clock = new SettableClock { Now = now ?? new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero) };
        var services = Services(settings ?? [], Clock);
        services.AddSingleton(Trained.Value);
        foreach (var skill in extraSkills ?? [])
        {
            services.AddSingleton(skill);
        }
        if (capabilities is not null)
        {
            services.AddSingleton<IChannelAdapter>(new TestChannel(capabilities));
        }
        _provider = services.BuildServiceProvider(validateScopes: true);
        Turns = _provider.GetRequiredService<TurnProcessor>();
    }

    public SettableClock Clock { get; }

    public TurnProcessor Turns { get; }

    public InMemoryStores Stores => _provider.GetRequiredService<InMemoryStores>();

    public InMemoryComplaints Complaints => _provider.GetRequiredService<InMemoryComplaints>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public Transcript Conversation(string? id = null) => new(this, id ?? Guid.NewGuid().ToString("N"));

    public void Dispose() => _provider.Dispose();

    private static ServiceCollection Services(Dictionary<string, string?> settings, SettableClock clock)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ChatCare:PromptsPath"] = Path.Combine(AppContext.BaseDirectory, "prompts") })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddChatCareEngine();
        services.AddSingleton<InMemoryStores>();
        services.AddSingleton<IConversationStateStore>(sp => sp.GetRequiredService<InMemoryStores>());
        services.AddSingleton<ITranscriptStore>(sp => sp.GetRequiredService<InMemoryStores>());
        services.AddSingleton<InMemoryComplaints>();
        services.AddSingleton<Skills.Privacy.IConsentStore>(sp => sp.GetRequiredService<InMemoryComplaints>());
        services.AddSingleton<Skills.Complaints.IComplaintStore>(sp => sp.GetRequiredService<InMemoryComplaints>());
        services.AddSingleton<Skills.Privacy.IDataRightsStore>(sp => sp.GetRequiredService<InMemoryComplaints>());
        services.AddSingleton<Skills.Privacy.ITranscriptRetention>(sp => sp.GetRequiredService<InMemoryComplaints>());
        services.AddSingleton<Skills.Complaints.ILinkSigner>(sp => sp.GetRequiredService<InMemoryComplaints>());
        services.AddChatCareUnderstanding();
        services.AddChatCareSkills();
        return services;
    }

    private sealed class TestChannel(ChannelCapabilities capabilities) : IChannelAdapter
    {
        public string ChannelId => Transcript.ChannelId;

        public ChannelCapabilities Capabilities => capabilities;

        public Task SendAsync(ConversationReference to, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>State and transcripts in memory, with real ETag checks.</summary>
public sealed class InMemoryStores : IConversationStateStore, ITranscriptStore
{
    private readonly ConcurrentDictionary<string, StoredState> _states = new();
    private readonly ConcurrentDictionary<string, List<TranscriptEntry>> _transcripts = new();

    public Task<StoredState?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(conversationId, out var s) ? s : null);

    public Task<string?> TrySaveAsync(ConversationState state, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_states)
        {
            var current = _states.TryGetValue(state.ConversationId, out var s) ? s.ETag : null;
            if (current != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }
            var etag = Guid.NewGuid().ToString("N");
            _states[state.ConversationId] = new StoredState(state, etag);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task AppendAsync(string conversationId, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        var list = _transcripts.GetOrAdd(conversationId, _ => []);
        lock (list)
        {
            list.AddRange(entries);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TranscriptEntry>>(_transcripts.TryGetValue(conversationId, out var l) ? [.. l] : []);
}
