using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.Complaints;

/// <summary>
/// Purges transcripts older than <c>ChatCare:Complaints:TranscriptRetentionDays</c> (STD-P3): once at start, then every
/// six hours. Complaint records are not transcripts and are kept for their legal retention.
/// </summary>
public sealed partial class TranscriptRetentionJob(
    ITranscriptRetention transcripts,
    IOptions<ComplaintsOptions> options,
    TimeProvider time,
    ILogger<TranscriptRetentionJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>Purges once; returns how many entries were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddDays(-options.Value.TranscriptRetentionDays);
        var purged = await transcripts.PurgeOlderThanAsync(before, cancellationToken);
        Purged(logger, purged, options.Value.TranscriptRetentionDays);
        return purged;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Retention: purged {Count} transcript entries older than {Days} days")]
    private static partial void Purged(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Retention: purge failed; it runs again at the next interval")]
    private static partial void Failed(ILogger logger, Exception exception);
}
