using System.Globalization;
using ChatCare.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ChatCare.Handoff;

/// <summary>Whether people attend at an instant: weekly hours and holidays in the organisation's time zone (STD-H3).</summary>
public sealed class BusinessHours(IOptions<HandoffOptions> options, IOptions<OrganisationOptions> organisation)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(organisation.Value.TimeZone);

    /// <summary>True when <paramref name="instant"/> falls inside the day's hours and the day is not a holiday.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        var day = DateOnly.FromDateTime(local.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (options.Value.Holidays.Contains(day))
        {
            return false;
        }
        var hours = options.Value.Hours;
        if (hours.Count == 0)
        {
            return true; // no hours configured: people attend whenever someone is signed in
        }
        return hours.TryGetValue(local.DayOfWeek.ToString(), out var range) && ParseRange(range) is { } open
            && TimeOnly.FromDateTime(local.DateTime) is var time && time >= open.From && time < open.To;
    }

    /// <summary>"09:00-18:00" → the range; null when malformed or empty.</summary>
    public static (TimeOnly From, TimeOnly To)? ParseRange(string? range)
    {
        var parts = range?.Split('-', StringSplitOptions.TrimEntries);
        return parts is [var from, var to]
            && TimeOnly.TryParseExact(from, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(to, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            && start < end
            ? (start, end)
            : null;
    }
}
