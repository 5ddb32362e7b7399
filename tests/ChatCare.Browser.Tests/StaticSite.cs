using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCare.Browser.Tests;

/// <summary>
/// A company's web site on another loopback origin: one page at <c>/</c> whose HTML is produced when requested (so it can name the
/// ChatCare host, which starts after this site's origin is known).
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSite(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>The site's origin, e.g. <c>http://127.0.0.1:40111</c> (no trailing slash).</summary>
    public Uri Origin { get; }

    /// <summary>The page's HTML.</summary>
    public Func<string> Html { get; set; } = () => "<!DOCTYPE html><title>empty</title>";

    /// <summary>Starts the site on a free loopback port.</summary>
    public static async Task<StaticSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        StaticSite? site = null;
        app.MapGet("/", () => Results.Content(site!.Html(), "text/html; charset=utf-8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site = new StaticSite(app, new Uri(address));
        return site;
    }

    /// <summary>The origin as browsers send it in <c>Origin</c>.</summary>
    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
