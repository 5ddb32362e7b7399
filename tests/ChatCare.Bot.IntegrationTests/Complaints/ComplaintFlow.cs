using System.Text.RegularExpressions;
using ChatCare.Core.Activities;

namespace ChatCare.Bot.IntegrationTests.Complaints;

/// <summary>A customer filing a complaint through <c>/api/messages</c>, in Spanish (Peru) or English.</summary>
public sealed partial record ComplaintFlow(string Language, string Name, string IdNumber, string Email, string Phone, string Detail)
{
    public static ComplaintFlow Spanish(int n = 1) => new("es", "Rosa María Quispe", $"4567891{n % 10}", $"rosa.quispe{n}@correo.pe",
        $"98765432{n % 10}", "Las zapatillas llegaron con la suela despegada y nadie me responde.");

    public static ComplaintFlow English(int n = 1) => new("en", "Peter Jones", $"7654321{n % 10}", $"peter.jones{n}@mail.example",
        $"91234567{n % 10}", "The jacket zip broke the first day I wore it.");

    /// <summary>Everything up to the summary; returns the summary turn.</summary>
    public async Task<IReadOnlyList<Activity>> ToSummaryAsync(BotClient bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        await bot.JoinAsync();
        var es = Language == "es";
        string[] steps = es
            ? ["quiero poner un reclamo", "Acepto", "No, gracias", "Reclamo", Name, "DNI", IdNumber, "Av. Arequipa 1234, Lince", Email, Phone,
               "No", "Zapatillas Runner talla 38", "149.90", "05/03/2026", "Omitir", Detail]
            : ["I want to file a complaint", "I agree", "No, thanks", "Claim", Name, "DNI", IdNumber, "10 Main Street, Miraflores", Email, Phone,
               "No", "Blue jacket size M", "Skip", "Skip", "Skip", Detail];
        foreach (var step in steps)
        {
            await bot.SayAsync(step);
        }
        return await bot.SayAsync(es ? "Quiero el cambio por un par nuevo." : "A refund, please.");
    }

    /// <summary>Files and returns the acknowledgment text and the code.</summary>
    public async Task<(string Text, string Code)> FileAsync(BotClient bot)
    {
        var summary = BotClient.Text(await ToSummaryAsync(bot));
        Assert.Contains(Email, summary, StringComparison.Ordinal);
        var ack = BotClient.Text(await bot.SayAsync(Language == "es" ? "Confirmar" : "Confirm"));
        var code = CodePattern().Match(ack);
        Assert.True(code.Success, ack);
        return (ack, code.Value);
    }

    public static string ReceiptLink(string ack) => LinkPattern().Match(ack).Value;

    [GeneratedRegex(@"R-\d{4}-\d{6}")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"/complaints/\S+/receipt\?exp=\d+&sig=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
