using ChatCare.Core.Conversations;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;

namespace ChatCare.Skills.Tests;

public sealed class ComplaintRulesTests
{
    private static readonly IReadOnlySet<DateOnly> PeruHolidays = CountryProfile.BuiltIn["PE"].Holidays;

    [Theory]
    [InlineData("2026-03-10", 15, "2026-03-31")] // Tuesday: three weekends inside
    [InlineData("2026-03-13", 1, "2026-03-16")] // Friday: the next business day is Monday
    [InlineData("2026-03-14", 1, "2026-03-16")] // filed on Saturday: counts from Monday
    [InlineData("2026-07-22", 3, "2026-07-30")] // 23, 28 and 29 July are holidays in Peru
    [InlineData("2026-03-31", 15, "2026-04-23")] // Holy Thursday and Good Friday
    public void DueDate_SkipsWeekendsAndHolidays(string filed, int days, string due) // PE-4
    {
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            BusinessCalendar.AddBusinessDays(DateOnly.Parse(filed, System.Globalization.CultureInfo.InvariantCulture), days, PeruHolidays));
    }

    [Theory]
    [InlineData("DNI", "45678912", true)]
    [InlineData("DNI", "4567891", false)]
    [InlineData("DNI", "12345678Z", true)] // Spain: 12345678 mod 23 = 14 → Z
    [InlineData("DNI", "12345678A", false)]
    [InlineData("NIE", "X1234567L", true)]
    [InlineData("NIE", "Y7654321G", true)]
    [InlineData("NIE", "X1234567A", false)]
    [InlineData("RUC", "20100070970", true)]
    [InlineData("RUC", "20100070971", false)]
    [InlineData("RUC", "10456789124", true)]
    [InlineData("RUC", "30100070970", false)]
    [InlineData("CURP", "SABC560626MDFLRN01", true)] // RENAPO's worked example
    [InlineData("CURP", "SABC560626MDFLRN02", false)]
    [InlineData("CURP", "SABC561326MDFLRN01", false)] // month 13
    [InlineData("RFC", "GOMA850712AB9", true)]
    [InlineData("RFC", "GOMA850712AB1", false)]
    [InlineData("RFC", "ABC680524P73", true)] // a company: 12 characters
    [InlineData("CE", "001234567", true)]
    [InlineData("PAS", "AB12", false)]
    public void IdNumbers_AreCheckedWithTheirCheckDigits(string type, string number, bool valid)
    {
        Assert.Equal(valid, FieldValidation.IdNumber(type, number).IsValid);
    }

    [Theory]
    [InlineData("rosa@correo.pe", true)]
    [InlineData("Rosa.Quispe@Correo.PE", true)]
    [InlineData("rosa@correo", false)]
    [InlineData("rosa correo.pe", false)]
    [InlineData("Rosa <rosa@correo.pe>", false)]
    public void Emails(string email, bool valid) => Assert.Equal(valid, FieldValidation.Email(email).IsValid);

    [Theory]
    [InlineData("987654321", "PE", "+51987654321")]
    [InlineData("(01) 555 0100", "PE", "+5115550100")]
    [InlineData("612 345 678", "ES", "+34612345678")]
    [InlineData("55 1234 5678", "MX", "+525512345678")]
    [InlineData("12345", "PE", null)]
    [InlineData("call me", "PE", null)]
    public void Phones_AreValidatedForTheCountryAndNormalised(string phone, string country, string? expected)
    {
        Assert.Equal(expected, FieldValidation.Phone(phone, country).Value);
    }

    [Fact]
    public void PersonalData_WithoutAcceptedConsent_IsRefusedByTheStoreRule() // STD-P1, G-4
    {
        var values = new Dictionary<ComplaintField, string> { [ComplaintField.FullName] = "Rosa Quispe", [ComplaintField.Detail] = "Llegó roto" };
        var withoutConsent = new ComplaintFiling("d1", null, values, "conv-1", null, "es", "PE", DateTimeOffset.UnixEpoch, 2026, new DateOnly(2026, 1, 1));
        Assert.Throws<ConsentRequiredException>(() => ConsentGuard.Check(withoutConsent, null));

        var refused = new ConsentRecord("c1", "conv-1", "u1", DateTimeOffset.UnixEpoch, "PE", "abc", "es", "test", Accepted: false, new Dictionary<string, bool>());
        Assert.Throws<ConsentRequiredException>(() => ConsentGuard.Check(withoutConsent with { ConsentId = "c1" }, refused));

        var otherConversation = refused with { Accepted = true, ConversationId = "conv-2" };
        Assert.Throws<ConsentRequiredException>(() => ConsentGuard.Check(withoutConsent with { ConsentId = "c1" }, otherConversation));

        ConsentGuard.Check(withoutConsent with { ConsentId = "c1" }, refused with { Accepted = true });
    }
}
