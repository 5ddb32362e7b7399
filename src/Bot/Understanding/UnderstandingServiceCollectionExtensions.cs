using ChatCare.Core.Configuration;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Messages;
using ChatCare.Core.Text;
using ChatCare.Core.Understanding;
using ChatCare.Understanding.Text;
using ChatCare.Understanding.Content;
using ChatCare.Understanding.Handoff;
using ChatCare.Understanding.Knowledge;
using ChatCare.Understanding.Messages;
using ChatCare.Understanding.Nlu;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCare.Understanding;

/// <summary>Registers what is read from <c>prompts/</c>: knowledge base, messages, and the offline understanding trained from them.</summary>
public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>Adds the knowledge base, message catalog and understanding pipeline as singletons, loaded on first use.</summary>
    public static IServiceCollection AddChatCareUnderstanding(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PromptsLocation(PromptsFolder.Resolve(sp.GetRequiredService<IOptions<ChatCareOptions>>().Value.PromptsPath)));
        services.AddSingleton<IKnowledgeBase>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatCareOptions>>().Value;
            var folder = options.KnowledgePath ?? Path.Combine(sp.GetRequiredService<PromptsLocation>().Path, "knowledge");
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("ChatCare.Knowledge");
            var result = KnowledgeBaseLoader.Load(folder);
            foreach (var issue in result.Issues)
            {
                UnderstandingLog.KnowledgeFileSkipped(logger, issue.File, issue.Line, issue.Message);
            }
            UnderstandingLog.KnowledgeLoaded(logger, result.Entries.Count, folder);
            return new KnowledgeBase(result.Entries);
        });
        services.AddSingleton<IMessageCatalog>(sp => new YamlMessageCatalog(
            Path.Combine(sp.GetRequiredService<PromptsLocation>().Path, "messages"),
            sp.GetRequiredService<IOptions<ChatCareOptions>>().Value,
            sp.GetRequiredService<IOptions<OrganisationOptions>>().Value,
            sp.GetRequiredService<IOptions<PersonaOptions>>().Value));
        services.AddSingleton(sp => new TextNormalizer(UnderstandingTrainer.SynonymsFromPrompts(sp.GetRequiredService<PromptsLocation>().Path)));
        services.AddSingleton(sp =>
        {
            var prompts = sp.GetRequiredService<PromptsLocation>().Path;
            var examples = UnderstandingTrainer.ExamplesFromPrompts(prompts, sp.GetRequiredService<IKnowledgeBase>().Entries);
            var trained = UnderstandingTrainer.Train(examples, sp.GetRequiredService<TextNormalizer>(),
                sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value, lexicons: UnderstandingTrainer.LexiconsFromPrompts(prompts));
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("ChatCare.Understanding");
            UnderstandingLog.Trained(logger, examples.Count, trained.Understanding.Labels.Count, trained.TrainingTime.TotalSeconds);
            return trained.Understanding;
        });
        services.AddSingleton<ITextUnderstanding>(sp => sp.GetRequiredService<OfflineUnderstanding>());
        services.AddSingleton<IMarkdownConverter, MarkdigConverter>();
        services.AddSingleton(sp => new HandoffPrompts(sp.GetRequiredService<PromptsLocation>().Path, sp.GetRequiredService<TextNormalizer>()));
        services.AddSingleton<ChatCare.Core.Handoff.ICrisisDetector>(sp => sp.GetRequiredService<HandoffPrompts>());
        return services;
    }
}

/// <summary>The resolved prompts folder.</summary>
/// <param name="Path">Absolute path.</param>
public sealed record PromptsLocation(string Path);

internal static partial class UnderstandingLog
{
    [LoggerMessage(EventId = 2001, EventName = "KnowledgeFileSkipped", Level = LogLevel.Error,
        Message = "Knowledge file {File}, line {Line}: {Problem} The file was skipped; the others are loaded.")]
    public static partial void KnowledgeFileSkipped(ILogger logger, string file, int line, string problem);

    [LoggerMessage(EventId = 2002, EventName = "KnowledgeLoaded", Level = LogLevel.Information,
        Message = "Loaded {Count} knowledge-base entries from {Folder}")]
    public static partial void KnowledgeLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 2003, EventName = "UnderstandingTrained", Level = LogLevel.Information,
        Message = "Understanding trained on {Examples} examples, {Labels} labels, in {Seconds:F1} s")]
    public static partial void Trained(ILogger logger, int examples, int labels, double seconds);
}
