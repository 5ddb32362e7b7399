using BenchmarkDotNet.Attributes;
using ChatCare.Core.Understanding;
using ChatCare.Understanding.Nlu;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCare.Benchmarks;

/// <summary><c>OfflineUnderstanding.Understand</c> alone: normalisation, spelling, language and intent ranking, no I/O.</summary>
[Config(typeof(ShortThroughputConfig))]
public class UnderstandingBenchmarks
{
    private string _dataDirectory = "";
    private ServiceProvider? _services;
    private OfflineUnderstanding? _understanding;

    [Params("¿cuánto cuesta el envío?", "sí, gracias")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "chatcare-bench-" + Guid.NewGuid().ToString("N"));
        _services = BenchHost.Build(_dataDirectory);
        _understanding = _services.GetRequiredService<OfflineUnderstanding>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        BenchHost.TearDown(_services, _dataDirectory);
    }

    [Benchmark]
    public Utterance Understand() => _understanding!.Understand(Text, "es");
}
