using System.Diagnostics;
using ChatCare.Core.Configuration;
using ChatCare.Core.Knowledge;
using YamlDotNet.Serialization;

namespace ChatCare.Understanding.Nlu;

/// <summary>Builds the training set from <c>prompts/</c> and trains the pipeline.</summary>
public static class UnderstandingTrainer
{
    /// <summary>Training examples: the intents files (<c>intents/{lang}.yaml</c>) and every knowledge-base question.</summary>
    public static List<TrainingExample> ExamplesFromPrompts(string promptsFolder, IEnumerable<KnowledgeEntry> knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var examples = new List<TrainingExample>();
        var intentsFolder = Path.Combine(promptsFolder, "intents");
        if (Directory.Exists(intentsFolder))
        {
            var yaml = new DeserializerBuilder().Build();
            foreach (var file in Directory.EnumerateFiles(intentsFolder, "*.yaml").Order(StringComparer.Ordinal))
            {
                var language = Path.GetFileNameWithoutExtension(file);
                var intents = yaml.Deserialize<Dictionary<string, List<string>>>(File.ReadAllText(file)) ?? [];
                examples.AddRange(intents.SelectMany(i => i.Value.Select(text => new TrainingExample(text, i.Key, language))));
            }
        }
        examples.AddRange(knowledge.SelectMany(e => e.Questions.Select(q => new TrainingExample(q, e.Id, e.Language))));
        return examples;
    }

    /// <summary>Regional synonym rules per language from <c>understanding/synonyms.{lang}.txt</c>.</summary>
    public static Dictionary<string, string> SynonymsFromPrompts(string promptsFolder)
    {
        var folder = Path.Combine(promptsFolder, "understanding");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "synonyms.*.txt").ToDictionary(
                f => Path.GetExtension(Path.GetFileNameWithoutExtension(f)).TrimStart('.'), File.ReadAllText, StringComparer.Ordinal)
            : [];
    }

    /// <summary>
    /// The Hunspell dictionary of each language that has one, <c>understanding/words.{lang}.aff</c> and
    /// <c>understanding/words.{lang}.dic</c>: the spelling corrector leaves the real words it lists alone.
    /// </summary>
    public static Dictionary<string, Lexicon> LexiconsFromPrompts(string promptsFolder)
    {
        var folder = Path.Combine(promptsFolder, "understanding");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "words.*.dic")
                .Select(dic => (Dic: dic, Aff: Path.ChangeExtension(dic, ".aff")))
                .Where(f => File.Exists(f.Aff))
                .ToDictionary(f => Path.GetExtension(Path.GetFileNameWithoutExtension(f.Dic)).TrimStart('.'),
                    f => Lexicon.Load(f.Aff, f.Dic), StringComparer.Ordinal)
            : [];
    }

    /// <summary>
    /// Trains the language model on the examples that name their language, then the intent model on all of them
    /// (examples without a language are normalised in the language detected for them).
    /// <paramref name="lexicons"/> (see <see cref="LexiconsFromPrompts"/>) tell the spelling corrector which unknown words are
    /// real words of their language rather than typos.
    /// </summary>
    public static TrainedUnderstanding Train(IReadOnlyList<TrainingExample> examples, TextNormalizer normalizer, UnderstandingOptions options,
        IReadOnlyList<TrainingExample>? languageExamples = null, IReadOnlyDictionary<string, Lexicon>? lexicons = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(normalizer);
        var clock = Stopwatch.StartNew();
        var labelled = (languageExamples ?? examples).Where(e => e.Language is "es" or "en").ToList();
        var languages = IntentClassifier.Train(labelled.Select(e =>
        {
            var folded = string.Join(' ', normalizer.FoldedTokens(e.Text));
            return (new NormalizedText(folded, folded), e.Language!);
        }));

        var detector = new OfflineUnderstanding(normalizer, languages, languages, options);
        var tokenized = examples.Select(e =>
        {
            var tokens = normalizer.FoldedTokens(e.Text);
            return (Tokens: tokens, Language: e.Language ?? detector.DetectLanguage(e.Text, "es").Language, e.Label);
        }).ToList();
        // The speller knows every word of the training texts and of the synonym rules, per language.
        var speller = SpellingCorrector.Build(tokenized.Select(e => (e.Language, string.Join(' ', e.Tokens)))
            .Concat(normalizer.SynonymWords.SelectMany(s => s.Value.Select(w => (s.Key, w)))), lexicons);
        var intents = IntentClassifier.Train(tokenized.Select(e => (normalizer.Normalize(e.Tokens, e.Language, speller), e.Label)));
        return new TrainedUnderstanding(new OfflineUnderstanding(normalizer, languages, intents, options, speller), clock.Elapsed);
    }
}

/// <summary>A trained pipeline and how long training took.</summary>
/// <param name="Understanding">The pipeline.</param>
/// <param name="TrainingTime">Wall-clock training time.</param>
public sealed record TrainedUnderstanding(OfflineUnderstanding Understanding, TimeSpan TrainingTime);
