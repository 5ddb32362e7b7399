using ChatCare.Core.Configuration;

namespace ChatCare.Core.Tests;

public sealed class TimeOfDayTests
{
    private static readonly TimeZoneInfo Lima = TimeZoneInfo.FindSystemTimeZoneById("America/Lima");
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Theory] // STD-G1: Lima is UTC-5 all year.
    [InlineData("2026-03-10T13:30:00Z", TimeOfDay.Morning)]
    [InlineData("2026-03-10T17:00:00Z", TimeOfDay.Afternoon)]
    [InlineData("2026-03-11T00:30:00Z", TimeOfDay.Evening)]
    [InlineData("2026-03-10T09:59:00Z", TimeOfDay.Evening)]
    [InlineData("2026-03-10T10:00:00Z", TimeOfDay.Morning)]
    public void At_Lima_UsesLocalTime(string utc, TimeOfDay expected)
    {
        Assert.Equal(expected, new TimeOfDayOptions().At(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Lima));
    }

    [Fact]
    public void At_Madrid_FollowsDaylightSavingTime()
    {
        var options = new TimeOfDayOptions();
        // 11:30 UTC is 12:30 in winter (afternoon) but 13:30 in summer; 10:30 UTC is 11:30 in winter (morning), 12:30 in summer (afternoon).
        Assert.Equal(TimeOfDay.Morning, options.At(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero), Madrid));
        Assert.Equal(TimeOfDay.Afternoon, options.At(new DateTimeOffset(2026, 7, 15, 10, 30, 0, TimeSpan.Zero), Madrid));
    }
}
