using ChatCare.Skills.Complaints;

namespace ChatCare.Skills.Privacy;

/// <summary>
/// The rule every personal-data store applies before writing (STD-P1, G-4): personal fields need an accepted consent
/// record of the same conversation; without a consent id, only a filing without personal fields is allowed.
/// </summary>
public static class ConsentGuard
{
    /// <summary>Throws unless <paramref name="filing"/> may be stored given its consent record <paramref name="consent"/>.</summary>
    /// <exception cref="ConsentRequiredException">Personal data without a matching accepted consent record.</exception>
    public static void Check(ComplaintFiling filing, ConsentRecord? consent)
    {
        ArgumentNullException.ThrowIfNull(filing);
        if (filing.ConsentId is null)
        {
            var personal = ComplaintSkill.Personal.Where(f => filing.Values.ContainsKey(f)).ToList();
            if (personal.Count > 0)
            {
                throw new ConsentRequiredException($"Personal fields ({string.Join(", ", personal)}) without a consent record.");
            }
            return;
        }
        if (consent is null || consent.Id != filing.ConsentId || !consent.Accepted || consent.ConversationId != filing.ConversationId)
        {
            throw new ConsentRequiredException($"Consent record {filing.ConsentId} is missing, refused, or of another conversation.");
        }
    }
}
