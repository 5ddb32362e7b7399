using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ChatCare.Skills.Complaints;

/// <summary>The outcome of checking one answer: the value to keep, or the message key saying why it was refused.</summary>
/// <param name="Value">The normalised value when valid.</param>
/// <param name="ReasonKey">The <c>complaint.invalid.*</c> message key when invalid.</param>
public sealed record FieldCheck(string? Value, string? ReasonKey)
{
    /// <summary>Whether the answer was accepted.</summary>
    public bool IsValid => Value is not null;

    /// <summary>An accepted, normalised value.</summary>
    public static FieldCheck Valid(string value) => new(value, null);

    /// <summary>A refusal with its reason.</summary>
    public static FieldCheck Invalid(string reasonKey) => new(null, reasonKey);
}

/// <summary>
/// Format checks for the complaint form (STD-P2). Phone numbers use libphonenumber (Google's metadata, kept current);
/// ID documents are checked by their published rules, with check digits where they exist: RUC (PE, modulo 11),
/// CURP and RFC (MX, SAT/RENAPO check character), DNI and NIE (ES, modulo 23 letter).
/// </summary>
public static partial class FieldValidation
{
    private const string DniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
    private const string CurpAlphabet = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
    private const string RfcAlphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>An e-mail address with a domain that has a dot.</summary>
    public static FieldCheck Email(string text)
    {
        var candidate = text.Trim();
        return MailAddress.TryCreate(candidate, out var address) && address.Address == candidate
            && address.Host.Contains('.', StringComparison.Ordinal) && !address.Host.EndsWith('.')
            ? FieldCheck.Valid(candidate.ToLowerInvariant())
            : FieldCheck.Invalid("complaint.invalid.email");
    }

    /// <summary>A phone number valid in <paramref name="country"/> (or in international form), normalised to E.164.</summary>
    public static FieldCheck Phone(string text, string country)
    {
        try
        {
            var number = Phones.Parse(text.Trim(), country);
            return Phones.IsValidNumber(number)
                ? FieldCheck.Valid(Phones.Format(number, PhoneNumberFormat.E164))
                : FieldCheck.Invalid("complaint.invalid.phone");
        }
        catch (NumberParseException)
        {
            return FieldCheck.Invalid("complaint.invalid.phone");
        }
    }

    /// <summary>An ID document number for its type.</summary>
    public static FieldCheck IdNumber(string type, string text)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        var value = Compact().Replace(text.ToUpperInvariant(), "");
        var ok = type.ToUpperInvariant() switch
        {
            "DNI" when value.Length == 8 => PeruDni().IsMatch(value),
            "DNI" => SpainDni(value),
            "CE" => PeruCe().IsMatch(value),
            "RUC" => Ruc(value),
            "CURP" => Curp(value),
            "RFC" => Rfc(value),
            "NIE" => Nie(value),
            _ => Passport().IsMatch(value),
        };
        return ok ? FieldCheck.Valid(value) : FieldCheck.Invalid($"complaint.invalid.id_{type.ToLowerInvariant()}");
    }

    /// <summary>A person's name: letters, at least two words.</summary>
    public static FieldCheck PersonName(string text)
    {
        var value = Spaces().Replace(text.Trim(), " ");
        return value.Length <= 120 && PersonNamePattern().IsMatch(value) && value.Split(' ').Length >= 2
            ? FieldCheck.Valid(value)
            : FieldCheck.Invalid("complaint.invalid.name");
    }

    /// <summary>Free text between <paramref name="min"/> and <paramref name="max"/> characters.</summary>
    public static FieldCheck Text(string text, int min, int max, string reasonKey)
    {
        var value = text.Trim();
        return value.Length >= min && value.Length <= max && value.Any(char.IsLetter) ? FieldCheck.Valid(value) : FieldCheck.Invalid(reasonKey);
    }

    /// <summary>An amount such as <c>120</c>, <c>120.50</c> or <c>S/ 1 200,50</c>.</summary>
    public static FieldCheck Amount(string text)
    {
        var digits = AmountNoise().Replace(text, "");
        if (digits.Contains(',', StringComparison.Ordinal) && !digits.Contains('.', StringComparison.Ordinal))
        {
            digits = digits.Replace(',', '.');
        }
        digits = digits.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount >= 0 && amount < 100_000_000
            ? FieldCheck.Valid(amount.ToString("0.00", CultureInfo.InvariantCulture))
            : FieldCheck.Invalid("complaint.invalid.amount");
    }

    /// <summary>A past date written <c>dd/mm/aaaa</c> or <c>aaaa-mm-dd</c>, not after <paramref name="today"/>.</summary>
    public static FieldCheck PastDate(string text, DateOnly today)
    {
        string[] formats = ["d/M/yyyy", "d-M-yyyy", "yyyy-MM-dd", "d.M.yyyy"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date <= today && date >= today.AddYears(-10)
            ? FieldCheck.Valid(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : FieldCheck.Invalid("complaint.invalid.date");
    }

    /// <summary>A receipt, ticket or order number.</summary>
    public static FieldCheck Receipt(string text)
    {
        var value = text.Trim().ToUpperInvariant();
        return ReceiptPattern().IsMatch(value) ? FieldCheck.Valid(value) : FieldCheck.Invalid("complaint.invalid.receipt");
    }

    private static bool Ruc(string value)
    {
        if (!RucPattern().IsMatch(value))
        {
            return false;
        }
        int[] weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var sum = weights.Select((w, i) => w * (value[i] - '0')).Sum();
        var check = 11 - (sum % 11);
        check = check switch { 10 => 0, 11 => 1, _ => check };
        return value[10] - '0' == check;
    }

    private static bool Curp(string value)
    {
        if (!CurpPattern().IsMatch(value))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CurpAlphabet.IndexOf(value[i], StringComparison.Ordinal) * (18 - i);
        }
        return value[17] - '0' == (10 - (sum % 10)) % 10;
    }

    private static bool Rfc(string value)
    {
        if (!RfcPattern().IsMatch(value))
        {
            return false;
        }
        var padded = value.Length == 12 ? " " + value : value;
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += RfcAlphabet.IndexOf(padded[i], StringComparison.Ordinal) * (13 - i);
        }
        var remainder = sum % 11;
        var expected = remainder == 0 ? '0' : 11 - remainder == 10 ? 'A' : (char)('0' + 11 - remainder);
        return padded[12] == expected;
    }

    private static bool SpainDni(string value) =>
        SpainDniPattern().IsMatch(value) && value[8] == DniLetters[int.Parse(value[..8], CultureInfo.InvariantCulture) % 23];

    private static bool Nie(string value)
    {
        if (!NiePattern().IsMatch(value))
        {
            return false;
        }
        var number = "XYZ".IndexOf(value[0], StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture) + value[1..8];
        return value[8] == DniLetters[int.Parse(number, CultureInfo.InvariantCulture) % 23];
    }

    [GeneratedRegex(@"[\s\-\.]")]
    private static partial Regex Compact();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[0-9]{8}$")]
    private static partial Regex PeruDni();

    [GeneratedRegex(@"^[0-9]{8}[A-Z]$")]
    private static partial Regex SpainDniPattern();

    [GeneratedRegex(@"^[XYZ][0-9]{7}[A-Z]$")]
    private static partial Regex NiePattern();

    [GeneratedRegex(@"^[A-Z0-9]{9,12}$")]
    private static partial Regex PeruCe();

    [GeneratedRegex(@"^(10|15|17|20)[0-9]{9}$")]
    private static partial Regex RucPattern();

    [GeneratedRegex(@"^[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[HMX](AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9][0-9]$")]
    private static partial Regex CurpPattern();

    [GeneratedRegex(@"^[A-ZÑ&]{3,4}[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[A-Z0-9]{2}[0-9A]$")]
    private static partial Regex RfcPattern();

    [GeneratedRegex(@"^[A-Z0-9]{6,12}$")]
    private static partial Regex Passport();

    [GeneratedRegex(@"^[\p{L}][\p{L}'’\-\. ]+$")]
    private static partial Regex PersonNamePattern();

    [GeneratedRegex(@"[^0-9,\.]")]
    private static partial Regex AmountNoise();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9\-/ ]{2,39}$")]
    private static partial Regex ReceiptPattern();
}
