using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace ChatCare.Benchmarks;

/// <summary>BenchmarkDotNet 0.15 ships P0…P100 but no P99 (StatisticColumn has P95 and P100 only): this adds it.</summary>
internal static class PercentileColumns
{
    public static IColumn P99 { get; } = new PercentileColumn(99);
}

/// <summary>The n-th percentile of the measured iterations, in the summary's time unit.</summary>
internal sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(PercentileColumn)}.P{percentile}";

    public string ColumnName => $"P{percentile}";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 100 + percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => $"Percentile {percentile}: {percentile}% of the measured iterations were not slower than this";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }
        var nanoseconds = statistics.Percentiles.Percentile(percentile);
        var unit = style.TimeUnit ?? TimeUnit.GetBestTimeUnit(statistics.Mean);
        var value = TimeInterval.FromNanoseconds(nanoseconds).ToUnit(unit);
        return style.PrintUnitsInContent
            ? string.Create(CultureInfo.InvariantCulture, $"{value:N4} {unit.Abbreviation}")
            : value.ToString("N4", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
