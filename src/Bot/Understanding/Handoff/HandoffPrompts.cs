using ChatCare.Core.Handoff;
using ChatCare.Understanding.Nlu;
using YamlDotNet.RepresentationModel;

namespace ChatCare.Understanding.Handoff;

/// <summary>
/// What the hand-off reads from <c>prompts/handoff/</c>: the crisis lexicon (<c>crisis.yaml</c>) and the agents' canned
/// responses (<c>canned.yaml</c>).
/// </summary>
/// <remarks>
/// Crisis words are matched from a lexicon rather than learnt by the intent classifier: a self-harm phrase must never be
/// diluted by probabilities or thresholds, and a lexicon can be read and audited by the people who own it. Matching uses the
/// same folding as understanding (lower case, no accents), on whole words; an entry ending in <c>*</c> matches word prefixes.
/// </remarks>
public sealed class HandoffPrompts : ICrisisDetector
{
    private const int ShoutingMinLetters = 12;
    private const double ShoutingUpperShare = 0.8;
    private readonly TextNormalizer _normalizer;
    private readonly List<(string Kind, string[] Tokens)> _lexicon = [];

    /// <summary>Loads <c>{prompts}/handoff/crisis.yaml</c> and <c>canned.yaml</c>; a missing file means an empty list.</summary>
    /// <exception cref="InvalidDataException">A file is not in the expected shape.</exception>
    public HandoffPrompts(string promptsPath, TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(normalizer);
        _normalizer = normalizer;
        var folder = Path.Combine(promptsPath, "handoff");
        foreach (var (_, kinds) in Mapping(Path.Combine(folder, "crisis.yaml")))
        {
            foreach (var (kind, phrases) in Map(kinds, "crisis.yaml"))
            {
                foreach (var phrase in Sequence(phrases, "crisis.yaml"))
                {
                    var tokens = normalizer.FoldedTokens(phrase.TrimEnd('*')).ToArray();
                    if (tokens.Length > 0)
                    {
                        tokens[^1] += phrase.EndsWith('*') ? "*" : "";
                        _lexicon.Add((kind, tokens));
                    }
                }
            }
        }
        var canned = Path.Combine(folder, "canned.yaml");
        Canned = File.Exists(canned) ? [.. SequenceNodes(Load(canned), "canned.yaml").Select(ToCanned)] : [];
    }

    /// <summary>The agents' canned responses.</summary>
    public IReadOnlyList<CannedResponse> Canned { get; }

    /// <inheritdoc />
    public string? Detect(string text, string language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var words = _normalizer.FoldedTokens(text);
        foreach (var (kind, tokens) in _lexicon)
        {
            for (var start = 0; start + tokens.Length <= words.Count; start++)
            {
                if (Matches(words, start, tokens))
                {
                    return kind;
                }
            }
        }
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count >= ShoutingMinLetters && letters.Count(char.IsUpper) >= ShoutingUpperShare * letters.Count ? "shouting" : null;
    }

    private static bool Matches(IReadOnlyList<string> words, int start, string[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var matched = token.EndsWith('*')
                ? words[start + i].StartsWith(token[..^1], StringComparison.Ordinal)
                : words[start + i] == token;
            if (!matched)
            {
                return false;
            }
        }
        return true;
    }

    private static CannedResponse ToCanned(YamlNode node)
    {
        var map = node as YamlMappingNode ?? throw new InvalidDataException($"canned.yaml, line {node.Start.Line}: each response needs id, es and en.");
        string Field(string name) => map.Children.TryGetValue(new YamlScalarNode(name), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            ? text
            : throw new InvalidDataException($"canned.yaml, line {node.Start.Line}: '{name}' is missing.");
        return new CannedResponse(Field("id"), Field("es"), Field("en"));
    }

    private static YamlNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return yaml.Documents.Count == 0 ? new YamlSequenceNode() : yaml.Documents[0].RootNode;
    }

    private static IEnumerable<(string Key, YamlNode Value)> Mapping(string path) =>
        File.Exists(path) ? Map(Load(path), Path.GetFileName(path)) : [];

    private static IEnumerable<(string Key, YamlNode Value)> Map(YamlNode node, string file) =>
        node is YamlMappingNode map
            ? map.Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", c.Value))
            : throw new InvalidDataException($"{file}, line {node.Start.Line}: expected a mapping.");

    private static IEnumerable<string> Sequence(YamlNode node, string file) => SequenceNodes(node, file)
        .Select(n => (n as YamlScalarNode)?.Value ?? throw new InvalidDataException($"{file}, line {n.Start.Line}: expected text."));

    private static IEnumerable<YamlNode> SequenceNodes(YamlNode node, string file) =>
        node as YamlSequenceNode ?? throw new InvalidDataException($"{file}, line {node.Start.Line}: expected a list.");
}

/// <summary>A ready-made answer agents can insert in the reply box.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Spanish">Spanish text.</param>
/// <param name="English">English text.</param>
public sealed record CannedResponse(string Id, string Spanish, string English);
