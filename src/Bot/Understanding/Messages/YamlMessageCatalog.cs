using System.Text;
using ChatCare.Core.Configuration;
using ChatCare.Core.Messages;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace ChatCare.Understanding.Messages;

/// <summary>
/// Customer-facing texts from <c>prompts/messages/{lang}.yaml</c>. A value is a string, or a map with
/// <c>usted</c> and <c>tu</c> variants chosen by <c>ChatCare:FormalRegister</c>. Organisation and persona
/// placeholders (<c>{organisation}</c>, <c>{persona}</c>, <c>{role}</c>, <c>{phone}</c>, <c>{email}</c>, <c>{hours}</c>) are always filled.
/// </summary>
public sealed class YamlMessageCatalog : IMessageCatalog
{
    private readonly Dictionary<string, Dictionary<string, string>> _byLanguage;
    private readonly string _defaultLanguage;
    private readonly Dictionary<string, (string Name, string Value)[]> _standardArguments;

    /// <summary>Loads every <c>*.yaml</c> file in <paramref name="folder"/> (the file name is the language).</summary>
    public YamlMessageCatalog(string folder, ChatCareOptions options, OrganisationOptions organisation, PersonaOptions persona)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(persona);
        var register = options.UsesUsted ? "usted" : "tu";
        _defaultLanguage = options.DefaultLanguage;
        _byLanguage = Directory.EnumerateFiles(folder, "*.yaml")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => LoadFile(f, register), StringComparer.Ordinal);
        if (!_byLanguage.ContainsKey(_defaultLanguage))
        {
            throw new InvalidOperationException($"No messages for the default language '{_defaultLanguage}' in {folder}.");
        }

        _standardArguments = _byLanguage.Keys.ToDictionary(lang => lang, lang => new[]
        {
            ("organisation", organisation.Name),
            ("persona", persona.Name),
            ("role", (lang == "en" ? persona.RoleEnglish : persona.Role) is { Length: > 0 } role ? role : Lookup("persona.role", lang) ?? ""),
            ("phone", organisation.ContactPhone),
            ("email", organisation.ContactEmail),
            ("hours", lang == "en" && organisation.ContactHoursEnglish is { Length: > 0 } en ? en : organisation.ContactHours),
        });
    }

    /// <summary>Every key of <paramref name="language"/>, for checks that each key exists in every language.</summary>
    public IReadOnlyCollection<string> Keys(string language) => _byLanguage.TryGetValue(language, out var m) ? m.Keys : [];

    /// <inheritdoc />
    public string Get(string key, string language, params (string Name, string Value)[] arguments)
    {
        var lang = _byLanguage.ContainsKey(language) ? language : _defaultLanguage;
        var template = Lookup(key, lang) ?? Lookup(key, _defaultLanguage)
            ?? throw new KeyNotFoundException($"Message '{key}' is missing from prompts/messages/{lang}.yaml.");
        return Fill(Fill(template, arguments), _standardArguments[lang]);
    }

    private string? Lookup(string key, string language) =>
        _byLanguage.TryGetValue(language, out var messages) && messages.TryGetValue(key, out var text) ? text : null;

    private static string Fill(string template, (string Name, string Value)[] arguments)
    {
        if (arguments.Length == 0 || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }
        var text = new StringBuilder(template);
        foreach (var (name, value) in arguments)
        {
            text.Replace("{" + name + "}", value);
        }
        return text.ToString();
    }

    private static Dictionary<string, string> LoadFile(string path, string register)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        if (yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode root)
        {
            Flatten(root, "", register, messages, path);
        }
        return messages;
    }

    /// <summary>Nested maps become dotted keys (<c>greeting.ask</c>); a map with usted/tu keys is one message.</summary>
    private static void Flatten(YamlMappingNode node, string prefix, string register, Dictionary<string, string> into, string path)
    {
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var key = prefix + ((YamlScalarNode)keyNode).Value;
            switch (valueNode)
            {
                case YamlScalarNode scalar:
                    into[key] = scalar.Value ?? "";
                    break;
                case YamlMappingNode map when map.Children.ContainsKey(new YamlScalarNode("usted")):
                    into[key] = ((YamlScalarNode)map.Children[new YamlScalarNode(map.Children.ContainsKey(new YamlScalarNode(register)) ? register : "usted")]).Value ?? "";
                    break;
                case YamlMappingNode map:
                    Flatten(map, key + ".", register, into, path);
                    break;
                default:
                    throw new InvalidDataException($"{path}:{keyNode.Start.Line}: '{key}' must be a text or a map.");
            }
        }
    }
}
