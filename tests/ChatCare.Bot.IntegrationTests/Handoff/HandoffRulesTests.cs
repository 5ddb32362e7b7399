using ChatCare.Core.Configuration;
using ChatCare.Handoff;
using ChatCare.Understanding.Handoff;
using ChatCare.Understanding.Nlu;
using Microsoft.Extensions.Options;

namespace ChatCare.Bot.IntegrationTests.Handoff;

/// <summary>Business hours in the organisation's time zone (STD-H3) and the crisis lexicon of prompts/handoff (STD-H2).</summary>
public sealed class HandoffRulesTests
{
    private static readonly BusinessHours Hours = new(Options.Create(new HandoffOptions
    {
        Hours = new(StringComparer.OrdinalIgnoreCase) { ["Monday"] = "09:00-18:00", ["Saturday"] = "10:00-14:00" },
        Holidays = ["2026-07-28"],
    }), Options.Create(new OrganisationOptions { TimeZone = "America/Lima" }));

    [Theory]
    [InlineData("2026-03-09T14:00:00Z", true)]   // Monday 09:00 in Lima
    [InlineData("2026-03-09T13:59:00Z", false)]  // Monday 08:59
    [InlineData("2026-03-09T23:00:00Z", false)]  // Monday 18:00: closed at the end
    [InlineData("2026-03-14T16:00:00Z", true)]   // Saturday 11:00
    [InlineData("2026-03-15T16:00:00Z", false)]  // Sunday: no hours
    [InlineData("2026-07-27T16:00:00Z", true)]   // Monday 11:00
    [InlineData("2026-07-28T16:00:00Z", false)]  // holiday (a Tuesday with no hours anyway)
    [InlineData("2026-03-10T03:00:00Z", false)]  // Monday 22:00 in Lima, already Tuesday in UTC
    public void IsOpen_FollowsTheWeeklyHoursAndHolidays_InTheOrganisationsTimeZone(string instant, bool open) =>
        Assert.Equal(open, Hours.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void AHolidayOnAWorkingDay_IsClosed()
    {
        var hours = new BusinessHours(Options.Create(new HandoffOptions
        {
            Hours = new(StringComparer.OrdinalIgnoreCase) { ["Monday"] = "09:00-18:00" },
            Holidays = ["2026-03-09"],
        }), Options.Create(new OrganisationOptions { TimeZone = "America/Lima" }));
        Assert.False(hours.IsOpen(DateTimeOffset.Parse("2026-03-09T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("ya no aguanto, me quiero matar", "self_harm")]
    [InlineData("Estoy pensando en SUICIDARME", "self_harm")]
    [InlineData("I just want to die", "self_harm")]
    [InlineData("si no me devuelven el dinero los voy a matar", "threat")]
    [InlineData("son unos inútiles y unos ladrones", "insult")]
    [InlineData("you useless idiots", "insult")]
    [InlineData("QUIERO MI DINERO DE VUELTA AHORA MISMO", "shouting")]
    [InlineData("¿cuánto cuesta el envío a Arequipa?", null)]
    [InlineData("quiero cambiar la talla, me quedó chica", null)]
    [InlineData("OK", null)]
    [InlineData("el producto llegó matado, todo roto", null)]
    public void Crisis_IsRecognisedByItsWords_AndOrdinaryMessagesAreNot(string text, string? kind)
    {
        var prompts = Path.Combine(AppContext.BaseDirectory, "prompts");
        using var normalizer = new TextNormalizer();
        var detector = new HandoffPrompts(prompts, normalizer);
        Assert.Equal(kind, detector.Detect(text, "es"));
        Assert.NotEmpty(detector.Canned);
    }
}
