using System.Collections.Concurrent;
using ChatCare.Core.Knowledge;

namespace ChatCare.Understanding.Knowledge;

/// <summary>An in-memory knowledge base, indexed by id and language.</summary>
public sealed class KnowledgeBase : IKnowledgeBase
{
    private readonly Dictionary<(string Id, string Language), KnowledgeEntry> _byIdAndLanguage;
    private readonly ILookup<string, KnowledgeEntry> _byId;
    private readonly ILookup<string, KnowledgeEntry> _byTitle;
    // The entries never change, so each related list is worked out once (it is asked for on every FAQ answer).
    private readonly ConcurrentDictionary<(string Id, string Language, int Max), KnowledgeEntry[]> _related = new();

    /// <summary>Indexes <paramref name="entries"/>; a later duplicate of the same id and language is ignored by the loader.</summary>
    public KnowledgeBase(IReadOnlyList<KnowledgeEntry> entries)
    {
        Entries = entries;
        _byIdAndLanguage = entries.ToDictionary(e => (e.Id, e.Language));
        _byId = entries.ToLookup(e => e.Id, StringComparer.Ordinal);
        _byTitle = entries.ToLookup(e => e.Title, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <inheritdoc />
    public KnowledgeEntry? Find(string id, string language) =>
        _byIdAndLanguage.TryGetValue((id, language), out var entry) ? entry : _byId[id].FirstOrDefault();

    /// <inheritdoc />
    public KnowledgeEntry? FindByTitle(string title, string language)
    {
        var titled = _byTitle[title];
        return titled.FirstOrDefault(e => e.Language == language) ?? titled.FirstOrDefault();
    }

    /// <inheritdoc />
    public IReadOnlyList<KnowledgeEntry> Related(string id, string language, int max) =>
        _related.GetOrAdd((id, language, max), key => RelatedTo(key.Id, key.Language, key.Max));

    private KnowledgeEntry[] RelatedTo(string id, string language, int max)
    {
        var entry = Find(id, language);
        if (entry is null || entry.Tags.Count == 0)
        {
            return [];
        }
        return [.. Entries
            .Where(e => e.Language == language && e.Id != id)
            .Select(e => (Entry: e, Shared: e.Tags.Intersect(entry.Tags, StringComparer.Ordinal).Count()))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared)
            .ThenBy(x => x.Entry.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Entry)];
    }
}
