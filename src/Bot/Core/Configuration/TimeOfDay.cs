namespace ChatCare.Core.Configuration;

/// <summary>Part of the day in the organisation's time zone (STD-G1, X1).</summary>
public enum TimeOfDay
{
    /// <summary>Buenos días.</summary>
    Morning,
    /// <summary>Buenas tardes.</summary>
    Afternoon,
    /// <summary>Buenas noches.</summary>
    Evening,
}

/// <summary>When each part of the day starts, under <c>ChatCare:Greeting</c>.</summary>
public sealed class TimeOfDayOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Greeting";

    /// <summary>Start of the morning (before it, it is still night).</summary>
    public TimeOnly MorningFrom { get; set; } = new(5, 0);

    /// <summary>Start of the afternoon.</summary>
    public TimeOnly AfternoonFrom { get; set; } = new(12, 0);

    /// <summary>Start of the evening/night.</summary>
    public TimeOnly EveningFrom { get; set; } = new(19, 0);

    /// <summary>The part of the day at <paramref name="utcNow"/> in <paramref name="zone"/>.</summary>
    public TimeOfDay At(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, zone).DateTime);
        if (local >= EveningFrom || local < MorningFrom)
        {
            return TimeOfDay.Evening;
        }
        return local >= AfternoonFrom ? TimeOfDay.Afternoon : TimeOfDay.Morning;
    }
}
