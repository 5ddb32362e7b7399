using ChatCare.Core.Conversations;
using ChatCare.Skills.Complaints;
using ChatCare.Skills.Privacy;

namespace ChatCare.Skills.Tests;

public sealed class ComplaintConversationTests
{
    [Fact]
    public async Task FullFiling_Spanish_NoticeBeforeAnyDatum_ValidatesRereadsAndFiles() // STD-P1, STD-P2, STD-C1
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();

        var notice = await c.SayAsync("quiero poner un reclamo");
        Assert.True(notice.Says("Aviso de privacidad (Ley 29733)"), notice.Text);
        Assert.True(notice.Says("¿Acepta que tratemos sus datos"), notice.Text);
        Assert.False(notice.Says("nombre"), "no datum is asked before the notice is answered");
        Assert.Equal(["Acepto", "No acepto"], notice.Buttons);
        Assert.Empty(bot.Complaints.Consents);

        var purpose = await c.SayAsync("Acepto");
        Assert.True(purpose.Says("ofertas"), purpose.Text);
        var kind = await c.SayAsync("No, gracias");
        Assert.True(kind.Says("¿Es un **reclamo**"), kind.Text);
        var consent = Assert.Single(bot.Complaints.Consents);
        Assert.True(consent.Accepted);
        Assert.False(consent.Purposes[ConsentPurposes.Marketing]);
        Assert.False(consent.Purposes[ConsentPurposes.ThirdParties]);
        Assert.Equal(("PE", "es", Transcript.ChannelId, c.Id, 16), (consent.Country, consent.Language, consent.ChannelId, consent.ConversationId, consent.NoticeVersion.Length));
        Assert.Equal(bot.Clock.Now, consent.RecordedAt);

        Assert.True((await c.SayAsync("Reclamo")).Says("nombre completo"));
        var idType = await c.SayAsync("Rosa María Quispe Huamán");
        Assert.Equal(["DNI", "Carné de extranjería", "RUC", "Pasaporte"], idType.Buttons);
        Assert.True((await c.SayAsync("DNI")).Says("número de su DNI"));
        var badDni = await c.SayAsync("4567");
        Assert.True(badDni.Says("Ese número de DNI no es válido"), badDni.Text);
        Assert.True(badDni.Says("número de su DNI"), "the same field is asked again");
        Assert.True((await c.SayAsync("45678912")).Says("dirección"));
        Assert.True((await c.SayAsync("Av. Arequipa 1234, Lince")).Says("correo electrónico"));
        var badEmail = await c.SayAsync("rosa@correo");
        Assert.True(badEmail.Says("no parece válido"), badEmail.Text);
        Assert.True((await c.SayAsync("rosa.quispe@correo.pe")).Says("teléfono"));
        var badPhone = await c.SayAsync("12345");
        Assert.True(badPhone.Says("número de teléfono no es válido"), badPhone.Text);
        Assert.True((await c.SayAsync("987 654 321")).Says("menor de edad"));
        Assert.True((await c.SayAsync("No")).Says("producto o servicio"));
        Assert.True((await c.SayAsync("Zapatillas Runner talla 38")).Says("monto"));
        Assert.True((await c.SayAsync("S/ 149.90")).Says("fecha"));
        Assert.True((await c.SayAsync("05/03/2026")).Says("boleta"));
        var detail = await c.SayAsync("Omitir");
        Assert.True(detail.Says("qué pasó"), detail.Text);
        Assert.True((await c.SayAsync("Las zapatillas llegaron con la suela despegada.")).Says("¿Qué solicita"));

        var summary = await c.SayAsync("Quiero el cambio por un par nuevo.");
        Assert.True(summary.Says("- Correo electrónico: rosa.quispe@correo.pe"), summary.Text);
        Assert.True(summary.Says("- Teléfono: +51987654321"), summary.Text);
        Assert.True(summary.Says("- Pedido o comprobante: —"), summary.Text);
        Assert.True(summary.Says("- Tipo: reclamo"), summary.Text);
        Assert.DoesNotContain(bot.Complaints.Complaints, _ => true);

        var filed = await c.SayAsync("Confirmar");
        var complaint = Assert.Single(bot.Complaints.Complaints);
        Assert.Equal("R-2026-000001", complaint.Code);
        Assert.Equal(consent.Id, complaint.Filing.ConsentId);
        Assert.Equal(new DateOnly(2026, 3, 31), complaint.Filing.DueDate); // Tue 10 March + 15 business days
        Assert.True(filed.Says("código **R-2026-000001**"), filed.Text);
        Assert.True(filed.Says("**31 de marzo de 2026**"), filed.Text);
        Assert.True(filed.Says("INDECOPI"), "the legal legend (PE-5)");
        Assert.True(filed.Says("https://test.example/complaints/R-2026-000001/receipt?exp="), filed.Text);
        Assert.Equal("rosa.quispe@correo.pe", complaint.Get(ComplaintField.Email));
        Assert.Equal("149.90", complaint.Get(ComplaintField.Amount));
        Assert.Equal("", complaint.Get(ComplaintField.ReceiptNumber));

        var state = await c.StateAsync();
        Assert.Equal(ComplaintStep.Idle, state.Complaint.Step);
        Assert.Empty(state.Complaint.Draft.Values); // no personal data left in the conversation state
    }

    [Fact]
    public async Task Summary_CorrectingAField_AsksOnlyThatFieldAndReadsBackAgain() // STD-P2
    {
        using var bot = new TestBot();
        var c = await ToSummaryAsync(bot);

        var which = await c.SayAsync("Corregir un dato");
        Assert.True(which.Says("¿Qué dato quiere corregir?"), which.Text);
        Assert.True(which.Says("Correo electrónico"), which.Text);
        Assert.True((await c.SayAsync("Correo electrónico")).Says("correo electrónico"));
        var again = await c.SayAsync("rosa.nueva@correo.pe");
        Assert.True(again.Says("- Correo electrónico: rosa.nueva@correo.pe"), again.Text);
        Assert.True(again.Says("¿Está todo correcto?"), again.Text);

        // A correction named in words, straight from the summary.
        Assert.True((await c.SayAsync("el teléfono está mal")).Says("número de teléfono"));
        Assert.True((await c.SayAsync("+51 912 345 678")).Says("- Teléfono: +51912345678"));

        await c.SayAsync("Confirmar");
        Assert.Equal("rosa.nueva@correo.pe", Assert.Single(bot.Complaints.Complaints).Get(ComplaintField.Email));
    }

    [Fact]
    public async Task Cancel_MidForm_ForgetsEverythingAndFilesNothing()
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();
        await c.SayAsync("quiero presentar una queja");
        await c.SayAsync("Acepto");
        await c.SayAsync("No, gracias");
        await c.SayAsync("Queja");
        await c.SayAsync("Rosa Quispe");

        var cancelled = await c.SayAsync("cancelar");

        Assert.True(cancelled.Says("cancelé el reclamo"), cancelled.Text);
        var state = await c.StateAsync();
        Assert.Equal(ComplaintStep.Idle, state.Complaint.Step);
        Assert.Empty(state.Complaint.Draft.Values);
        Assert.Null(state.ActiveSkill);
        Assert.Empty(bot.Complaints.Complaints);
    }

    [Fact]
    public async Task Refusal_AsksNoDataAndOffersOtherWays() // STD-P1
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();
        await c.SayAsync("quiero poner un reclamo");

        var refused = await c.SayAsync("No acepto");

        Assert.True(refused.Says("no le pediré ningún dato personal"), refused.Text);
        Assert.True(refused.Says("+51 1 555 0100"), "contact channels are offered");
        Assert.Contains("Hablar con una persona", refused.Buttons);
        Assert.DoesNotContain("Queja anónima", refused.Buttons); // Peru's book needs the consumer's identity
        var consent = Assert.Single(bot.Complaints.Consents);
        Assert.False(consent.Accepted);
        var state = await c.StateAsync();
        Assert.True(state.Privacy.Refused);
        Assert.Null(state.ActiveSkill);

        var next = await c.SayAsync("¿cuál es el horario de atención de las tiendas?");
        Assert.False(next.Says("nombre completo"), next.Text);
    }

    [Fact]
    public async Task Refusal_InMexico_OffersAnAnonymousComplaintWithoutPersonalFields()
    {
        using var bot = new TestBot(new() { ["ChatCare:Organisation:Country"] = "MX" });
        var c = bot.Conversation();
        await c.JoinAsync();
        var notice = await c.SayAsync("quiero poner una queja");
        Assert.True(notice.Says("Aviso de privacidad simplificado"), notice.Text);
        var refused = await c.SayAsync("No acepto");
        Assert.Contains("Queja anónima", refused.Buttons);

        Assert.True((await c.SayAsync("Queja anónima")).Says("¿Es un **reclamo**"));
        Assert.True((await c.SayAsync("Queja")).Says("producto o servicio"));
        await c.SayAsync("Atención en la tienda de Polanco");
        await c.SayAsync("Omitir");
        await c.SayAsync("Omitir");
        var summary = await c.SayAsync("El vendedor me gritó delante de otros clientes.");
        Assert.False(summary.Says("nombre"), summary.Text);
        await c.SayAsync("Pido una disculpa formal");
        await c.SayAsync("Confirmar");

        var complaint = Assert.Single(bot.Complaints.Complaints);
        Assert.Null(complaint.Filing.ConsentId);
        Assert.DoesNotContain(complaint.Filing.Values.Keys, ComplaintSkill.Personal.Contains);
    }

    [Fact]
    public async Task QuestionMidForm_IsAnswered_ThenTheFormResumes_AndPauseContinueWorks()
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();
        await c.SayAsync("quiero poner un reclamo");
        await c.SayAsync("Acepto");
        await c.SayAsync("No, gracias");
        await c.SayAsync("Reclamo");
        await c.SayAsync("Rosa Quispe");
        await c.SayAsync("DNI");
        await c.SayAsync("45678912");
        await c.SayAsync("Av. Arequipa 1234, Lince");
        var expected = bot.Get<Core.Knowledge.IKnowledgeBase>().Find("store-hours", "es")!.Answer;

        var interrupted = await c.SayAsync("¿cuál es el horario de atención de las tiendas?");

        Assert.Equal(expected, interrupted.Messages[0].Text);
        Assert.True(interrupted.Says("Sigamos con su reclamo."), interrupted.Text);
        Assert.True(interrupted.Says("¿A qué correo electrónico"), interrupted.Text);

        var paused = await c.SayAsync("pausar");
        Assert.True(paused.Says("en pausa"), paused.Text);
        Assert.Null((await c.StateAsync()).ActiveSkill);
        var resumed = await c.SayAsync("continuar mi reclamo");
        Assert.True(resumed.Says("¿A qué correo electrónico"), resumed.Text);
        Assert.True((await c.SayAsync("rosa@correo.pe")).Says("teléfono"));

        // Another flow takes the floor in the middle (a status query); "continuar" still finds the form.
        var status = await c.SayAsync("quiero saber el estado de mi reclamo");
        Assert.True(status.Says("¿Cuál es el código?"), status.Text);
        await c.SayAsync("R-2026-000077");
        await c.SayAsync("rosa@correo.pe");
        var back = await c.SayAsync("continuar mi reclamo");
        Assert.True(back.Says("¿Cuál es su número de teléfono?"), back.Text);
    }

    [Fact]
    public async Task FullFiling_English_InSpain_ValidatesDniAndNie() // STD-C1, STD-G3
    {
        using var bot = new TestBot(new() { ["ChatCare:Organisation:Country"] = "ES" });
        var c = bot.Conversation();
        await c.JoinAsync();

        var notice = await c.SayAsync("I want to file a complaint about my order");
        Assert.True(notice.Says("Basic data protection information"), notice.Text);
        Assert.Equal(["I agree", "I don't agree"], notice.Buttons);
        await c.SayAsync("I agree");
        Assert.True((await c.SayAsync("No, thanks")).Says("Is it a **claim**"));
        var explained = await c.SayAsync("I'm not sure");
        Assert.True(explained.Says("A **claim** (reclamo) is when"), explained.Text);
        await c.SayAsync("Claim");
        var types = await c.SayAsync("John Smith");
        Assert.Equal(["DNI", "NIE", "Passport"], types.Buttons);
        await c.SayAsync("NIE");
        var badNie = await c.SayAsync("X1234567A");
        Assert.True(badNie.Says("That NIE is not valid"), badNie.Text);
        Assert.True((await c.SayAsync("X1234567L")).Says("address"));
        await c.SayAsync("Calle Mayor 10, Madrid");
        await c.SayAsync("john.smith@example.com");
        var badPhone = await c.SayAsync("0000");
        Assert.True(badPhone.Says("That phone number is not valid"), badPhone.Text);
        await c.SayAsync("612 345 678");
        await c.SayAsync("No");
        await c.SayAsync("Blue jacket, size M");
        await c.SayAsync("Skip");
        await c.SayAsync("Skip");
        await c.SayAsync("A-99812");
        await c.SayAsync("The zip broke the first day I wore it.");
        var summary = await c.SayAsync("A refund please");
        Assert.True(summary.Says("- Phone: +34612345678"), summary.Text);
        Assert.True(summary.Says("- Document number: X1234567L"), summary.Text);

        var filed = await c.SayAsync("Confirm");
        Assert.True(filed.Says("code **R-2026-000001**"), filed.Text);
        Assert.True(filed.Says("**March 31, 2026**"), filed.Text);
        Assert.True(filed.Says("Law 10/2025"), filed.Text);
    }

    [Fact]
    public async Task Status_ByCode_NeedsAVerifyingDatum() // STD-C2, STD-P4
    {
        using var bot = new TestBot();
        var filer = await ToSummaryAsync(bot);
        await filer.SayAsync("Confirmar");

        var other = bot.Conversation();
        await other.JoinAsync();
        var ask = await other.SayAsync("¿cómo va mi reclamo R-2026-000001?");
        Assert.True(ask.Says("correo electrónico o el número de documento"), ask.Text);
        var wrong = await other.SayAsync("otra.persona@correo.pe");
        Assert.True(wrong.Says("No encuentro un reclamo con ese código y ese dato"), wrong.Text);
        Assert.False(wrong.Says("recibido"), "nothing is disclosed without verification");

        var right = await other.SayAsync("45678912");
        Assert.True(right.Says("Reclamo **R-2026-000001**: recibido"), right.Text);
        Assert.True(right.Says("31 de marzo de 2026"), right.Text);
    }

    [Fact]
    public async Task Dissatisfaction_AnywhereGetsTheComplaintProcedure() // STD-C4
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();

        var reply = await c.SayAsync("qué pésimo servicio, estoy harto");

        Assert.True(reply.Says("puede presentar un **reclamo**"), reply.Text);
        Assert.True(reply.Says("15 días hábiles"), reply.Text);
        Assert.Contains("Presentar un reclamo", reply.Buttons);
        Assert.True((await c.SayAsync("Presentar un reclamo")).Says("Aviso de privacidad"));
    }

    [Fact]
    public async Task DataRights_DeleteVerified_AnonymisesTranscriptsAndKeepsTheComplaint() // STD-P3
    {
        using var bot = new TestBot();
        var filer = await ToSummaryAsync(bot);
        await filer.SayAsync("Confirmar");

        var c = bot.Conversation();
        await c.JoinAsync();
        var asked = await c.SayAsync("quiero borrar mis datos");
        Assert.True(asked.Says("correo electrónico"), asked.Text);
        await c.SayAsync("rosa.quispe@correo.pe");
        var opened = await c.SayAsync("45678912");
        Assert.True(opened.Says("supresión de sus datos con el código **D-2026-000001**"), opened.Text);
        Assert.True(opened.Says("¿Confirma que desea borrar sus datos?"), opened.Text);

        var done = await c.SayAsync("Sí, borrar mis datos");

        Assert.True(done.Says("Sus reclamos (R-2026-000001) se conservan"), done.Text);
        Assert.True(done.Says("2 años"), done.Text);
        Assert.Contains(filer.Id, bot.Complaints.Anonymised);
        Assert.Contains(c.Id, bot.Complaints.Anonymised);
        Assert.Single(bot.Complaints.Complaints);
    }

    [Fact]
    public async Task DataRights_English_AccessRequestGetsACodeDueDateAndExportLink() // STD-P3
    {
        using var bot = new TestBot();
        var c = bot.Conversation();
        await c.JoinAsync();

        var asked = await c.SayAsync("I want to see my personal data");
        Assert.True(asked.Says("which e-mail address"), asked.Text);
        await c.SayAsync("nobody@mail.example");
        var opened = await c.SayAsync("12345678");

        Assert.True(opened.Says("access to your data with code **D-2026-000001**"), opened.Text);
        Assert.True(opened.Says("**April 9, 2026**"), opened.Text); // 20 business days in Peru, Holy Thursday and Good Friday skipped
        Assert.True(opened.Says("I found no data registered"), opened.Text);
        Assert.True(opened.Says("https://test.example/privacy/requests/D-2026-000001/export?exp="), opened.Text);
    }

    private static async Task<Transcript> ToSummaryAsync(TestBot bot)
    {
        var c = bot.Conversation();
        await c.JoinAsync();
        foreach (var text in new[]
        {
            "quiero poner un reclamo", "Acepto", "No, gracias", "Reclamo", "Rosa María Quispe Huamán", "DNI", "45678912",
            "Av. Arequipa 1234, Lince", "rosa.quispe@correo.pe", "987654321", "No", "Zapatillas Runner talla 38", "149.90",
            "05/03/2026", "Omitir", "Las zapatillas llegaron con la suela despegada.",
        })
        {
            await c.SayAsync(text);
        }
        var summary = await c.SayAsync("Quiero el cambio por un par nuevo.");
        Assert.True(summary.Says("¿Está todo correcto?"), summary.Text);
        return c;
    }
}
