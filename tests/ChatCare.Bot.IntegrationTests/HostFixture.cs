namespace ChatCare.Bot.IntegrationTests;

/// <summary>One running host shared by the tests of a class.</summary>
public sealed class HostFixture : IDisposable
{
    public HostFixture() => Client = App.CreateClient();

    public ChatCareApplication App { get; } = new();

    public HttpClient Client { get; }

    public void Dispose() => App.Dispose();
}
