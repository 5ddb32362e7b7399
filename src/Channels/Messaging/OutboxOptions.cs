using System.ComponentModel.DataAnnotations;

namespace ChatCare.Channels.Messaging;

/// <summary>Retries of the channel outbox (Telegram, WhatsApp), under <c>ChatCare:Channels:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Channels:Outbox";

    /// <summary>Attempts before a message is given up on (with the defaults, about an hour of retries).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Wait after the first failure; it doubles with every further failure.</summary>
    [Range(0.01, 3600)]
    public double InitialRetryDelaySeconds { get; set; } = 1;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(0.01, 86_400)]
    public double MaxRetryDelaySeconds { get; set; } = 300;

    /// <summary>Conversations sent to at the same time (each conversation's messages always go one after another).</summary>
    [Range(1, 64)]
    public int MaxParallelConversations { get; set; } = 4;

    /// <summary>
    /// Days processed inbox items and sent or failed outbox messages are kept. The inbox must remember an update's id
    /// longer than channels redeliver (Meta: up to 7 days); statuses find sent messages for as long as they are kept.
    /// </summary>
    [Range(8, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>The back-off before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var seconds = InitialRetryDelaySeconds * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelaySeconds));
    }
}
