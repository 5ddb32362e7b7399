using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ChatCare.Handoff;

/// <summary>Settings under <c>ChatCare:Handoff</c>: teams and routing (STD-N3), hours, capacity, waits, dispositions (STD-X3).</summary>
public sealed class HandoffOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Handoff";

    /// <summary>Teams by id, with their names for customers.</summary>
    public Dictionary<string, TeamOptions> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The team of a request whose need has no route.</summary>
    [Required]
    public string DefaultTeam { get; set; } = "support";

    /// <summary>The team of customers in crisis (STD-H2).</summary>
    [Required]
    public string CrisisTeam { get; set; } = "support";

    /// <summary>Identified need (intent or knowledge-base id) → team; the latest routed need wins (STD-N3).</summary>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opening hours per day of the week (<c>Monday</c> … <c>Sunday</c>) as <c>HH:mm-HH:mm</c>; missing or empty is closed.</summary>
    public Dictionary<string, string> Hours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Closed days (<c>yyyy-MM-dd</c>) in the organisation's time zone.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Conversations an agent attends at once unless the account says otherwise.</summary>
    [Range(1, 50)]
    public int DefaultCapacity { get; set; } = 3;

    /// <summary>Average minutes an agent spends per conversation, for the expected wait (STD-H3).</summary>
    [Range(1, 240)]
    public int AverageHandlingMinutes { get; set; } = 5;

    /// <summary>Waiting conversations per team beyond which new requests are offered a message or call-back instead.</summary>
    [Range(1, 10_000)]
    public int MaxWaitingPerTeam { get; set; } = 50;

    /// <summary>An agent counts as available this long after their last request to the agent API, or while the console is connected.</summary>
    [Range(1, 24 * 60)]
    public int PresenceMinutes { get; set; } = 15;

    /// <summary>Dispositions an agent closes with (STD-X3); <c>complaint-filed</c> types the conversation as a filed complaint.</summary>
    public List<string> Dispositions { get; set; } = [];

    /// <summary>The dispositions, with defaults when none are configured.</summary>
    public IReadOnlyList<string> DispositionList => Dispositions.Count > 0 ? Dispositions : ["resolved", "follow-up", "complaint-filed", "not-resolved", "no-response"];

    /// <summary>The teams, with defaults when none are configured.</summary>
    public IReadOnlyDictionary<string, TeamOptions> TeamList => Teams.Count > 0 ? Teams : DefaultTeams;

    private static readonly Dictionary<string, TeamOptions> DefaultTeams = new(StringComparer.OrdinalIgnoreCase)
    {
        ["support"] = new() { Name = "atención al cliente", NameEnglish = "customer support" },
        ["sales"] = new() { Name = "ventas", NameEnglish = "sales" },
        ["complaints"] = new() { Name = "reclamos", NameEnglish = "complaints" },
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var teams = TeamList;
        foreach (var (name, team) in new[] { ("DefaultTeam", DefaultTeam), ("CrisisTeam", CrisisTeam) }.Concat(Routes.Select(r => ($"Routes:{r.Key}", r.Value))))
        {
            if (!teams.ContainsKey(team))
            {
                yield return new ValidationResult($"ChatCare:Handoff:{name} names team '{team}', which is not in ChatCare:Handoff:Teams.");
            }
        }
        foreach (var (day, range) in Hours)
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out _))
            {
                yield return new ValidationResult($"ChatCare:Handoff:Hours:{day} is not a day of the week (Monday … Sunday).");
            }
            else if (range.Length > 0 && BusinessHours.ParseRange(range) is null)
            {
                yield return new ValidationResult($"ChatCare:Handoff:Hours:{day} must be HH:mm-HH:mm with the start before the end, not '{range}'.");
            }
        }
        foreach (var holiday in Holidays.Where(h => !DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            yield return new ValidationResult($"ChatCare:Handoff:Holidays has '{holiday}', which is not a yyyy-MM-dd date.");
        }
    }
}

/// <summary>A team's names for customers.</summary>
public sealed class TeamOptions
{
    /// <summary>Spanish name, e.g. "ventas".</summary>
    public string Name { get; set; } = "";

    /// <summary>English name, e.g. "sales".</summary>
    public string NameEnglish { get; set; } = "";
}
