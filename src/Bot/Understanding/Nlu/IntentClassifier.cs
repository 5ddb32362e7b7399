using ChatCare.Core.Understanding;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace ChatCare.Understanding.Nlu;

/// <summary>
/// A multiclass maximum-entropy model (ML.NET L-BFGS) over TF-IDF-weighted word uni/bigrams of the stems and character
/// 1–4-grams of the folded text. Maximum entropy gives probabilities, which the confidence bands need; character n-grams
/// carry typos and missing accents; IDF weighting keeps words every intent shares ("quiero", "mi", "como") from
/// dominating. Prediction engines are not thread-safe, so they are pooled.
/// </summary>
public sealed class IntentClassifier
{
    private readonly ObjectPool<PredictionEngine<ClassifierInput, ClassifierOutput>> _engines;
    private readonly string[] _labels;

    private IntentClassifier(MLContext ml, ITransformer model)
    {
        _engines = new DefaultObjectPool<PredictionEngine<ClassifierInput, ClassifierOutput>>(
            new EnginePolicy(ml, model), Environment.ProcessorCount * 4);
        var engine = _engines.Get();
        try
        {
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            engine.OutputSchema["Score"].GetSlotNames(ref names);
            _labels = [.. names.DenseValues().Select(n => n.ToString())];
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>The labels the model knows.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Trains on normalised examples.</summary>
    public static IntentClassifier Train(IEnumerable<(NormalizedText Text, string Label)> examples, int seed = 7)
    {
        var ml = new MLContext(seed);
        var rows = examples.Select(e => new ClassifierInput { Stems = e.Text.Stems, Folded = e.Text.Folded, Label = e.Label }).ToList();
        if (rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw new InvalidOperationException("Training needs at least two different labels.");
        }
        var data = ml.Data.LoadFromEnumerable(rows);

        var words = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var chars = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = null,
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };

        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("WordFeatures", words, nameof(ClassifierInput.Stems)))
            .Append(ml.Transforms.Text.FeaturizeText("CharFeatures", chars, nameof(ClassifierInput.Folded)))
            .Append(ml.Transforms.Concatenate("Features", "WordFeatures", "CharFeatures"))
            // L-BFGS rather than SDCA: deterministic for a given training set (multi-threaded SDCA is not), faster here, and
            // with a firmer L2 its probabilities separated in-scope from out-of-scope best on the dev set (tests/data/nlu/es-dev.csv).
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                L2Regularization = 3e-3f,
                L1Regularization = 0f,
                OptimizationTolerance = 1e-5f,
                MaximumNumberOfIterations = 200,
                NumberOfThreads = Math.Max(1, Environment.ProcessorCount),
            }));
        var model = pipeline.Fit(data);
        return new IntentClassifier(ml, model);
    }

    /// <summary>Labels by descending probability.</summary>
    public IntentScore[] Rank(NormalizedText text, int top)
    {
        ArgumentNullException.ThrowIfNull(text);
        var engine = _engines.Get();
        float[] scores;
        try
        {
            var output = new ClassifierOutput();
            engine.Predict(new ClassifierInput { Stems = text.Stems, Folded = text.Folded, Label = "" }, ref output);
            scores = output.Score;
        }
        finally
        {
            _engines.Return(engine);
        }

        var count = Math.Min(top, scores.Length);
        var ranked = new IntentScore[count];
        Span<int> order = scores.Length <= 512 ? stackalloc int[scores.Length] : new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        // Partial selection: only the top few are needed.
        for (var k = 0; k < count; k++)
        {
            var best = k;
            for (var j = k + 1; j < order.Length; j++)
            {
                if (scores[order[j]] > scores[order[best]])
                {
                    best = j;
                }
            }
            (order[k], order[best]) = (order[best], order[k]);
            ranked[k] = new IntentScore(_labels[order[k]], scores[order[k]]);
        }
        return ranked;
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<ClassifierInput, ClassifierOutput>>
    {
        public override PredictionEngine<ClassifierInput, ClassifierOutput> Create() =>
            ml.Model.CreatePredictionEngine<ClassifierInput, ClassifierOutput>(model);

        public override bool Return(PredictionEngine<ClassifierInput, ClassifierOutput> obj) => true;
    }

    internal sealed class ClassifierInput
    {
        public string Stems { get; set; } = "";
        public string Folded { get; set; } = "";
        public string Label { get; set; } = "";
    }

    internal sealed class ClassifierOutput
    {
        public float[] Score { get; set; } = [];
    }
}
