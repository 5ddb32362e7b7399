using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ChatCare.Core.Configuration;
using ChatCare.Understanding.Content;
using ChatCare.Understanding.Knowledge;
using ChatCare.Understanding.Nlu;

namespace ChatCare.Bot.Commands;

/// <summary>
/// <c>nlu-eval --train FILE --test FILE [--oos-label oos]</c>: trains the understanding pipeline on a <c>text,intent</c> CSV,
/// scores it on another, and prints one JSON object as the last line.
/// </summary>
public static class NluEvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training CSV with header text,intent, or a prompts folder (trains as the host does).", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Test CSV with header text,intent.", Required = true };
        var oos = new Option<string>("--oos-label") { Description = "Label of out-of-scope utterances.", DefaultValueFactory = _ => "oos" };
        var errors = new Option<bool>("--show-errors") { Description = "List the misclassified test utterances before the result." };
        var command = new Command("nlu-eval", "Train the understanding pipeline on a CSV and score it on another.") { train, test, oos, errors };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(train)!, parse.GetValue(test)!, parse.GetValue(oos)!,
            parse.GetValue(errors), Console.Out, cancellationToken));
        return command;
    }

    /// <summary>Runs the evaluation and writes progress and the JSON result to <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(FileInfo train, FileInfo test, string oosLabel, bool showErrors, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var file in new[] { train, test }.Where(f => !f.Exists && !Directory.Exists(f.FullName)))
        {
            await Console.Error.WriteLineAsync($"nlu-eval: {file.FullName} does not exist.");
            return 2;
        }

        List<TrainingExample> trainRows, testRows;
        try
        {
            trainRows = Directory.Exists(train.FullName)
                ? UnderstandingTrainer.ExamplesFromPrompts(train.FullName, KnowledgeBaseLoader.Load(Path.Combine(train.FullName, "knowledge")).Entries)
                : NluEvaluation.ReadCsv(train.FullName);
            testRows = NluEvaluation.ReadCsv(test.FullName);
        }
        catch (InvalidDataException ex)
        {
            await Console.Error.WriteLineAsync($"nlu-eval: {ex.Message}");
            return 2;
        }

        // The out-of-scope label of the CSV is the pipeline's own out-of-scope class.
        static TrainingExample Relabel(TrainingExample e, string oos) => e.Label == oos ? e with { Label = Core.Understanding.Intents.OutOfScope } : e;
        trainRows = [.. trainRows.Select(e => Relabel(e, oosLabel))];
        testRows = [.. testRows.Select(e => Relabel(e, oosLabel))];

        // The language model learns from the shipped prompts (both languages); the intent model from the CSV alone.
        var prompts = PromptsFolder.Resolve(null);
        var knowledge = KnowledgeBaseLoader.Load(Path.Combine(prompts, "knowledge")).Entries;
        var languageExamples = UnderstandingTrainer.ExamplesFromPrompts(prompts, knowledge);
        using var normalizer = new TextNormalizer(UnderstandingTrainer.SynonymsFromPrompts(prompts));
        await output.WriteLineAsync($"training on {trainRows.Count} utterances, {trainRows.Select(r => r.Label).Distinct().Count()} labels…");
        cancellationToken.ThrowIfCancellationRequested();

        var clock = Stopwatch.StartNew();
        var trained = UnderstandingTrainer.Train(trainRows, normalizer, new UnderstandingOptions(), languageExamples,
            UnderstandingTrainer.LexiconsFromPrompts(prompts));
        var seconds = clock.Elapsed.TotalSeconds;
        var metrics = NluEvaluation.Evaluate(trained.Understanding, testRows, Core.Understanding.Intents.OutOfScope, seconds);
        if (showErrors)
        {
            foreach (var error in metrics.Errors)
            {
                await output.WriteLineAsync(error);
            }
        }
        await output.WriteLineAsync($"scored {testRows.Count} test utterances");
        await output.WriteLineAsync(JsonSerializer.Serialize(metrics));
        return 0;
    }
}
