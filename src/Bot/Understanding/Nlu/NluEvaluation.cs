using System.Globalization;
using System.Text.Json.Serialization;
using ChatCare.Core.Understanding;

namespace ChatCare.Understanding.Nlu;

/// <summary>Scores the pipeline on a labelled test set with an out-of-scope class.</summary>
public static class NluEvaluation
{
    /// <summary>
    /// A test utterance counts as predicted in scope when its top label is not out of scope and reaches the confirm threshold
    /// (the assistant then acts on it or offers it first); otherwise it is predicted as <paramref name="oosLabel"/>.
    /// </summary>
    public static NluMetrics Evaluate(OfflineUnderstanding understanding, IReadOnlyList<TrainingExample> test, string oosLabel,
        double trainSeconds, string defaultLanguage = "es")
    {
        ArgumentNullException.ThrowIfNull(understanding);
        ArgumentNullException.ThrowIfNull(test);
        var pairs = test.Select(t =>
        {
            var u = understanding.Understand(t.Text, t.Language ?? defaultLanguage);
            var predicted = u.Band == ConfidenceBand.OutOfScope || u.Top.Label == Intents.OutOfScope ? oosLabel : u.Top.Label;
            return (Gold: t.Label, Predicted: predicted);
        }).ToList();

        var inScope = pairs.Where(p => p.Gold != oosLabel).ToList();
        var oosGold = pairs.Count(p => p.Gold == oosLabel);
        var oosPredicted = pairs.Count(p => p.Predicted == oosLabel);
        var oosHit = pairs.Count(p => p.Gold == oosLabel && p.Predicted == oosLabel);

        var labels = pairs.Select(p => p.Gold).Distinct(StringComparer.Ordinal).ToList();
        var f1 = labels.Select(label =>
        {
            var tp = pairs.Count(p => p.Gold == label && p.Predicted == label);
            var fp = pairs.Count(p => p.Gold != label && p.Predicted == label);
            var fn = pairs.Count(p => p.Gold == label && p.Predicted != label);
            return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }).DefaultIfEmpty(0).Average();

        return new NluMetrics(
            AccuracyInScope: Ratio(inScope.Count(p => p.Predicted == p.Gold), inScope.Count),
            OosRecall: Ratio(oosHit, oosGold),
            OosPrecision: Ratio(oosHit, oosPredicted),
            MacroF1: Math.Round(f1, 4),
            TrainSeconds: Math.Round(trainSeconds, 2),
            TestUtterances: pairs.Count,
            Errors: [.. pairs.Select((p, i) => (p, i)).Where(x => x.p.Gold != x.p.Predicted)
                .Select(x => $"{test[x.i].Text} | gold={x.p.Gold} predicted={x.p.Predicted}")]);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>Reads a <c>text,intent</c> CSV (RFC 4180 quoting; header required).</summary>
    /// <exception cref="InvalidDataException">The header or a row is malformed.</exception>
    public static List<TrainingExample> ReadCsv(string path, string? language = null)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null || !header.Trim().Equals("text,intent", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}:1: the header must be 'text,intent'.");
        }
        var rows = new List<TrainingExample>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var fields = SplitCsvLine(line);
            if (fields.Count != 2 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw new InvalidDataException($"{path}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: expected two fields, text and intent.");
            }
            rows.Add(new TrainingExample(fields[0], fields[1].Trim(), language));
        }
        return rows;
    }

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}

/// <summary>Scores of one evaluation; serialised with the snake_case names <c>nlu-eval</c> prints.</summary>
public sealed record NluMetrics(
    [property: JsonPropertyName("accuracy_in_scope")] double AccuracyInScope,
    [property: JsonPropertyName("oos_recall")] double OosRecall,
    [property: JsonPropertyName("oos_precision")] double OosPrecision,
    [property: JsonPropertyName("macro_f1")] double MacroF1,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("test_utterances")] int TestUtterances,
    [property: JsonIgnore] IReadOnlyList<string> Errors);
