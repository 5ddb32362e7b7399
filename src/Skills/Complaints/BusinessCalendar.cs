namespace ChatCare.Skills.Complaints;

/// <summary>Business-day arithmetic on a holiday calendar: Saturdays, Sundays and the given holidays are not business days.</summary>
public static class BusinessCalendar
{
    /// <summary>
    /// The date <paramref name="businessDays"/> business days after <paramref name="filed"/>, counting from the next day
    /// (PE-4: the term starts the day after filing).
    /// </summary>
    public static DateOnly AddBusinessDays(DateOnly filed, int businessDays, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentOutOfRangeException.ThrowIfNegative(businessDays);
        var date = filed;
        for (var counted = 0; counted < businessDays;)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date, holidays))
            {
                counted++;
            }
        }
        return date;
    }

    /// <summary>Whether <paramref name="date"/> is a business day.</summary>
    public static bool IsBusinessDay(DateOnly date, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);
    }
}
