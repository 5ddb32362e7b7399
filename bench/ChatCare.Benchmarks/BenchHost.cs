using ChatCare.Bot.Hosting;
using ChatCare.Bot.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCare.Benchmarks;

/// <summary>
/// Builds the production service graph (<c>AddChatCareCore()</c> + channels) without Kestrel: real LiteDB file in a
/// fresh temporary data directory, the real prompts folder, logging at Warning like a quiet production host.
/// </summary>
internal static class BenchHost
{
    public static ServiceProvider Build(string dataDirectory, TurnDurability durability = TurnDurability.Synchronous)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChatCare:PromptsPath"] = FindPrompts(),
                ["ChatCare:DataDirectory"] = dataDirectory,
                ["ChatCare:Storage:TurnDurability"] = durability.ToString(),
                ["ChatCare:DefaultLanguage"] = "es",
                ["ChatCare:FormalRegister"] = "usted",
                ["ChatCare:Organisation:Name"] = "Tiendas Aurora",
                ["ChatCare:Organisation:TimeZone"] = "America/Lima",
                ["ChatCare:Organisation:ContactPhone"] = "+51 1 555 0100",
                ["ChatCare:Organisation:ContactEmail"] = "atencion@tiendasaurora.example",
                ["ChatCare:Organisation:ContactHours"] = "lunes a sábado de 9:00 a 18:00",
                ["ChatCare:Organisation:ContactHoursEnglish"] = "Monday to Saturday, 9:00 to 18:00",
                ["ChatCare:Persona:Name"] = "Sofía",
            })
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddChatCareCore();
        services.AddChatCareChannels();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// <c>CHATCARE_PROMPTS</c> if set, else the first <c>prompts/</c> with a <c>messages/</c> folder found walking up from
    /// the benchmark binary (BenchmarkDotNet runs a generated child project below the repository, so the walk finds the repo's prompts).
    /// </summary>
    private static string FindPrompts()
    {
        if (Environment.GetEnvironmentVariable("CHATCARE_PROMPTS") is { Length: > 0 } configured)
        {
            return configured;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "prompts");
                if (Directory.Exists(Path.Combine(candidate, "messages")))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException("No prompts folder found; set CHATCARE_PROMPTS.");
    }

    /// <summary>Disposes the services and deletes the temporary data directory.</summary>
    public static void TearDown(IDisposable? services, string dataDirectory)
    {
        services?.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
