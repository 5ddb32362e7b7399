using System.Net;
using System.Text.Json;

namespace ChatCare.Bot.IntegrationTests;

/// <summary>Bad input gets a clear 4xx or is ignored, never a 500, and the host stays healthy.</summary>
public sealed class BadInputTests(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<HttpResponseMessage> PostAsync(string body) =>
        await host.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), BotClient.Json(body), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("null", HttpStatusCode.BadRequest)]
    [InlineData("[1,2,3]", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\":\"hola\",\"conversation\":{\"id\":\"c\"}}", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"message\",\"text\":\"hola\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"message\",\"text\":\"hola\",\"conversation\":{\"id\":\"  \"}}", HttpStatusCode.BadRequest)]
    public async Task MalformedActivity_Gets400WithProblemDetails(string body, HttpStatusCode expected)
    {
        using var response = await PostAsync(body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task HugeText_Gets413()
    {
        var text = new string('a', 300 * 1024);
        using var response = await PostAsync(JsonSerializer.Serialize(new { type = "message", text, conversation = new { id = "big" }, deliveryMode = "expectReplies" }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task TextOverTheLimit_Gets413()
    {
        var text = new string('a', 5000);
        using var response = await PostAsync(JsonSerializer.Serialize(new { type = "message", text, conversation = new { id = "long" }, deliveryMode = "expectReplies" }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownActivityType_IsIgnored()
    {
        using var response = await PostAsync("{\"type\":\"someFutureType\",\"id\":\"x1\",\"conversation\":{\"id\":\"u1\"},\"deliveryMode\":\"expectReplies\",\"unknownField\":{\"a\":1}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"activities\":[]}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ServiceUrlOutsideLoopbackAndAllowList_IsRefused()
    {
        using var response = await PostAsync("{\"type\":\"message\",\"text\":\"hola\",\"conversation\":{\"id\":\"s1\"},\"serviceUrl\":\"https://attacker.example/\"}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WrongFieldTypes_Get400()
    {
        using var response = await PostAsync("{\"type\":\"message\",\"conversation\":\"not-an-object\"}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task AssertHealthyAsync()
    {
        using var health = await host.Client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
