using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;

namespace ChatCare.Benchmarks;

/// <summary>
/// Per-turn latency distribution: every measured iteration is exactly one invocation (one turn), outliers are kept,
/// so Median / P95 / P99 are percentiles of single turns, not of batch averages.
/// </summary>
/// <remarks>
/// No forced GC between iterations (BenchmarkDotNet's default is a full blocking collection before each one): with one
/// turn per iteration that would put a full collection before every turn, which a running host never does; the GCs the
/// turns themselves cause are measured. The GC mode is the host's (<c>ConcurrentGarbageCollection=false</c>).
/// </remarks>
public sealed class PerTurnConfig : ManualConfig
{
    /// <summary>Turns measured; 3,000 turns visit each of the 1,000 conversations three times.</summary>
    public const int MeasuredTurns = 3000;

    public PerTurnConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(300)
            .WithIterationCount(MeasuredTurns)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithGcForce(false)
            .WithGcConcurrent(false)
            .WithId("PerTurn"));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, StatisticColumn.P95, PercentileColumns.P99, StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>Short throughput job for cheap CPU-only operations: percentiles are of iteration means.</summary>
public sealed class ShortThroughputConfig : ManualConfig
{
    public ShortThroughputConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("Short"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, PercentileColumns.P99);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
