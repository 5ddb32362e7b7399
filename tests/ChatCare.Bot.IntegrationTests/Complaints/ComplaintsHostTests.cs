using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ChatCare.Bot.Complaints;
using ChatCare.Core.Conversations;
using ChatCare.Skills.Complaints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCare.Bot.IntegrationTests.Complaints;

/// <summary>Complaints through the real host on Kestrel with real LiteDB files (STD-P1..P4, STD-C1..C3).</summary>
public sealed class ComplaintsHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullFiling_NoPersonalDatumAppearsInAnyLogLine() // style guide pitfall 14
    {
        var logs = new CapturingLoggerProvider();
        using (var app = new ChatCareApplication(
            settings: new() { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
            services: s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            var flow = ComplaintFlow.Spanish();
            var (ack, code) = await flow.FileAsync(new BotClient(app.CreateClient()));
            Assert.Contains("INDECOPI", ack, StringComparison.Ordinal);

            var status = new BotClient(app.CreateClient());
            await status.JoinAsync();
            await status.SayAsync($"estado del reclamo {code}");
            Assert.Contains("recibido", BotClient.Text(await status.SayAsync(flow.Email)), StringComparison.Ordinal);
            using var receipt = await app.CreateClient().GetAsync(ComplaintFlow.ReceiptLink(ack), Ct);
            Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        }

        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("filed from conversation", StringComparison.Ordinal)); // the capture works
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines were captured");
        var flowData = ComplaintFlow.Spanish();
        foreach (var datum in new[] { flowData.Name, "Quispe", flowData.IdNumber, flowData.Email, flowData.Phone, "+51" + flowData.Phone,
            "Arequipa 1234", "suela despegada", "par nuevo", "Zapatillas Runner" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(datum, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("EveryCommit")]
    [InlineData("Periodic")] // complaints are legal records: they reach the disk before the acknowledgment even when turns are flushed on a timer
    public async Task StatusByCode_AfterAHardKillAndRestartWithTheSameData(string diskFlush) // STD-C2
    {
        var crashCopy = Directory.CreateTempSubdirectory("chatcare-crash-").FullName;
        string code;
        var flow = ComplaintFlow.English();
        using (var before = new ChatCareApplication(settings: new() { ["ChatCare:Storage:DiskFlush"] = diskFlush }))
        {
            (_, code) = await flow.FileAsync(new BotClient(before.CreateClient()));
            await LiteDbStoreTests.CrashCopyAsync(before.DataDirectory, crashCopy, Ct);
        }

        using var after = new ChatCareApplication(crashCopy);
        var customer = new BotClient(after.CreateClient());
        await customer.JoinAsync();
        var asked = BotClient.Text(await customer.SayAsync($"what is the status of complaint {code}?"));
        Assert.Contains("e-mail address or document number", asked, StringComparison.Ordinal);
        var status = BotClient.Text(await customer.SayAsync(flow.IdNumber));
        Assert.Contains($"Complaint **{code}**: received", status, StringComparison.Ordinal);

        // The counter survived too: the next complaint continues the sequence.
        var (_, next) = await ComplaintFlow.Spanish(2).FileAsync(new BotClient(after.CreateClient()));
        Assert.Equal("R-2026-000002", next);
    }

    [Fact]
    public async Task TenParallelFilings_GetTenDistinctConsecutiveCodes() // PE-3
    {
        using var app = new ChatCareApplication();
        var customers = Enumerable.Range(0, 10).Select(i => (Flow: ComplaintFlow.Spanish(i), Bot: new BotClient(app.CreateClient()))).ToList();
        await Task.WhenAll(customers.Select(c => c.Flow.ToSummaryAsync(c.Bot)));

        var acks = await Task.WhenAll(customers.Select(c => c.Bot.SayAsync("Confirmar")));

        var codes = acks.Select(a => System.Text.RegularExpressions.Regex.Match(BotClient.Text(a), @"R-2026-\d{6}").Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([.. Enumerable.Range(1, 10).Select(n => $"R-2026-{n:D6}")], codes);
        var stored = await app.Services.GetRequiredService<IComplaintStore>().ListAsync(new ComplaintFilter(), Ct);
        Assert.Equal(10, stored.Count);
    }

    [Fact]
    public async Task LiteDbStore_RefusesPersonalDataWithoutAMatchingAcceptedConsent() // STD-P1, G-4
    {
        using var app = new ChatCareApplication();
        var store = app.Services.GetRequiredService<IComplaintStore>();
        var values = new Dictionary<ComplaintField, string> { [ComplaintField.FullName] = "Rosa Quispe", [ComplaintField.Detail] = "Llegó roto" };
        var filing = new ComplaintFiling("draft-1", null, values, "conv-1", null, "es", "PE", app.Clock.Now, 2026, new DateOnly(2026, 3, 31));
        await app.Services.GetRequiredService<Skills.Privacy.IConsentStore>().RecordAsync(new Skills.Privacy.ConsentRecord(
            "refused-1", "conv-1", "u1", app.Clock.Now, "PE", "0123456789abcdef", "es", "test", Accepted: false, new Dictionary<string, bool>()), Ct);

        await Assert.ThrowsAsync<Skills.Privacy.ConsentRequiredException>(() => store.FileAsync(filing, Ct));
        await Assert.ThrowsAsync<Skills.Privacy.ConsentRequiredException>(() => store.FileAsync(filing with { ConsentId = "missing" }, Ct));
        await Assert.ThrowsAsync<Skills.Privacy.ConsentRequiredException>(() => store.FileAsync(filing with { ConsentId = "refused-1" }, Ct));

        Assert.Empty(await store.ListAsync(new ComplaintFilter(), Ct));
    }

    [Fact]
    public async Task ReceiptLink_IsSigned_AndExpires()
    {
        using var app = new ChatCareApplication();
        var (ack, code) = await ComplaintFlow.Spanish().FileAsync(new BotClient(app.CreateClient()));
        var link = ComplaintFlow.ReceiptLink(ack);
        var http = app.CreateClient();

        var page = await http.GetStringAsync(link, Ct);
        Assert.Contains($"Hoja de Reclamación {code}", page, StringComparison.Ordinal);
        Assert.Contains("Rosa María Quispe", page, StringComparison.Ordinal);
        Assert.Contains("INDECOPI", page, StringComparison.Ordinal);

        using var tampered = await http.GetAsync(link.Replace("R-2026-000001", "R-2026-000002", StringComparison.Ordinal), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        using var unsigned = await http.GetAsync($"/complaints/{code}/receipt", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        app.Clock.Now = app.Clock.Now.AddDays(31);
        using var expired = await http.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task DataRights_ExportAsJson_ThenVerifiedDeletionAnonymisesTranscriptsButKeepsTheComplaint() // STD-P3
    {
        using var app = new ChatCareApplication();
        var flow = ComplaintFlow.Spanish();
        var filer = new BotClient(app.CreateClient());
        var (_, code) = await flow.FileAsync(filer);

        var access = new BotClient(app.CreateClient());
        await access.JoinAsync();
        await access.SayAsync("quiero ver mis datos");
        await access.SayAsync(flow.Email);
        var opened = BotClient.Text(await access.SayAsync(flow.IdNumber));
        Assert.Contains("acceso a sus datos con el código **D-2026-000001**", opened, StringComparison.Ordinal);
        var exportLink = System.Text.RegularExpressions.Regex.Match(opened, @"/privacy/requests/\S+/export\?exp=\d+&sig=[A-Za-z0-9_\-]+").Value;
        var export = JsonDocument.Parse(await app.CreateClient().GetStringAsync(exportLink, Ct)).RootElement;
        Assert.Equal(code, export.GetProperty("complaints")[0].GetProperty("code").GetString());
        Assert.Equal(flow.Email, export.GetProperty("complaints")[0].GetProperty("fields").GetProperty("email").GetString());
        Assert.True(export.GetProperty("consents")[0].GetProperty("accepted").GetBoolean());
        Assert.Contains(export.GetProperty("conversations").EnumerateArray(),
            c => c.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("text").GetString() == flow.Email));

        var erase = new BotClient(app.CreateClient());
        await erase.JoinAsync();
        await erase.SayAsync("quiero que borren mis datos personales");
        await erase.SayAsync(flow.Email);
        await erase.SayAsync(flow.IdNumber);
        var done = BotClient.Text(await erase.SayAsync("Sí, borrar mis datos"));
        Assert.Contains($"Sus reclamos ({code}) se conservan", done, StringComparison.Ordinal);

        var transcripts = app.Services.GetRequiredService<ITranscriptStore>();
        foreach (var conversation in new[] { filer.ConversationId, erase.ConversationId })
        {
            var entries = await transcripts.ReadAsync(conversation, Ct);
            Assert.NotEmpty(entries);
            Assert.DoesNotContain(entries, e => e.Activity.Text?.Contains(flow.Email, StringComparison.Ordinal) == true);
            Assert.DoesNotContain(entries, e => e.Activity.Text?.Contains(flow.IdNumber, StringComparison.Ordinal) == true);
        }
        Assert.NotNull(await app.Services.GetRequiredService<IComplaintStore>().FindAsync(code, Ct)); // legal retention
    }

    [Fact]
    public async Task RetentionJob_PurgesTranscriptsOlderThanTheConfiguredPeriod() // STD-P3
    {
        using var app = new ChatCareApplication(settings: new() { ["ChatCare:Complaints:TranscriptRetentionDays"] = "30" });
        var old = new BotClient(app.CreateClient());
        await old.SayAsync("hola");
        app.Clock.Now = app.Clock.Now.AddDays(20);
        var recent = new BotClient(app.CreateClient());
        await recent.SayAsync("hola");
        app.Clock.Now = app.Clock.Now.AddDays(15);

        var purged = await app.Services.GetRequiredService<TranscriptRetentionJob>().RunOnceAsync(Ct);

        var transcripts = app.Services.GetRequiredService<ITranscriptStore>();
        Assert.True(purged >= 2, $"purged {purged}");
        Assert.Empty(await transcripts.ReadAsync(old.ConversationId, Ct));
        Assert.NotEmpty(await transcripts.ReadAsync(recent.ConversationId, Ct));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope {Describe(state)}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {Describe(state)} {exception}");

            // Structured properties too: a datum passed as an argument but left out of the message would still be logged.
            private static string Describe<TState>(TState state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? "";
        }
    }
}
