using ChatCare.Core.Configuration;
using ChatCare.Understanding.Messages;

namespace ChatCare.Core.Tests;

public sealed class MessageCatalogTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "prompts", "messages");

    private static YamlMessageCatalog Catalog(string register) => new(Folder,
        new ChatCareOptions { FormalRegister = register }, new OrganisationOptions { Name = "Acme" }, new PersonaOptions { Name = "Ana" });

    [Fact]
    public void Get_UstedRegister_UsesUstedAndFillsOrganisationAndPersona()
    {
        var text = Catalog("usted").Get("greeting.introduction", "es") + " " + Catalog("usted").Get("greeting.ask", "es");

        Assert.Contains("Ana", text, StringComparison.Ordinal);
        Assert.Contains("Acme", text, StringComparison.Ordinal);
        Assert.Contains("le puedo ayudar", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_TuRegister_UsesTu() // STD-G3
    {
        Assert.Contains("te puedo ayudar", Catalog("tú").Get("greeting.ask", "es"), StringComparison.Ordinal);
    }

    [Fact]
    public void Get_Argument_IsFilledIn()
    {
        Assert.Equal("¿Se refiere a «Envíos»?", Catalog("usted").Get("need.did_you_mean_one", "es", ("topic", "Envíos")));
    }

    [Fact]
    public void EveryKey_ExistsInBothLanguages()
    {
        var catalog = Catalog("usted");

        Assert.Equal(catalog.Keys("es").Order(), catalog.Keys("en").Order());
    }

    [Fact]
    public void Get_UnknownKey_NamesTheKeyAndFile()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Catalog("usted").Get("nope.missing", "es"));
        Assert.Contains("nope.missing", error.Message, StringComparison.Ordinal);
    }
}
