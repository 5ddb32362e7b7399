using ChatCare.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ChatCare.Skills;

/// <summary>The part of the day in the organisation's time zone, for greetings and farewells (STD-G1, X1).</summary>
public sealed class DayPart(IOptions<OrganisationOptions> organisation, IOptions<TimeOfDayOptions> timeOfDay)
{
    private readonly TimeZoneInfo _zone = organisation.Value.ResolveTimeZone();

    /// <summary>Morning, afternoon or evening at <paramref name="utcNow"/>.</summary>
    public TimeOfDay At(DateTimeOffset utcNow) => timeOfDay.Value.At(utcNow, _zone);

    /// <summary>The message key suffix for the part of the day: <c>morning</c>, <c>afternoon</c>, <c>evening</c>.</summary>
    public string KeyAt(DateTimeOffset utcNow) => At(utcNow) switch
    {
        TimeOfDay.Morning => "morning",
        TimeOfDay.Afternoon => "afternoon",
        _ => "evening",
    };
}
