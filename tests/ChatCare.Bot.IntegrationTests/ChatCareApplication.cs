using ChatCare.Core.Configuration;
using ChatCare.Understanding.Knowledge;
using ChatCare.Understanding.Nlu;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>
/// The real host on Kestrel (a random loopback port) with a temporary data directory and a settable clock.
/// The understanding pipeline is trained once per test run and shared: training is the slow part of start-up.
/// </summary>
public sealed class ChatCareApplication : WebApplicationFactory<Program>
{
    private static readonly Lazy<OfflineUnderstanding> Trained = new(() =>
    {
        var prompts = Path.Combine(AppContext.BaseDirectory, "prompts");
        var normalizer = new TextNormalizer(UnderstandingTrainer.SynonymsFromPrompts(prompts));
        var knowledge = KnowledgeBaseLoader.Load(Path.Combine(prompts, "knowledge")).Entries;
        return UnderstandingTrainer.Train(UnderstandingTrainer.ExamplesFromPrompts(prompts, knowledge), normalizer, new UnderstandingOptions(),
            lexicons: UnderstandingTrainer.LexiconsFromPrompts(prompts)).Understanding;
    });

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ChatCareApplication(string? dataDirectory = null, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("chatcare-it-").FullName;
        _settings = settings ?? [];
        _services = services;
        UseKestrel(0);
    }

    public string DataDirectory { get; }

    public SettableClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ChatCare:DataDirectory", DataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<OfflineUnderstanding>();
            services.AddSingleton(_ => Trained.Value);
            _services?.Invoke(services);
        });
    }
}

public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
