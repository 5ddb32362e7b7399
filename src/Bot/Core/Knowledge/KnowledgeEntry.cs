namespace ChatCare.Core.Knowledge;

/// <summary>One answer of the organisation's knowledge base (a Markdown file with YAML front matter).</summary>
/// <param name="Id">Stable id, shared by the translations of the same answer.</param>
/// <param name="Language"><c>es</c> or <c>en</c>.</param>
/// <param name="Title">Short label for buttons.</param>
/// <param name="Questions">Example phrasings used for training.</param>
/// <param name="Tags">Topics, for related suggestions (STD-F2).</param>
/// <param name="Answer">The answer, Markdown.</param>
/// <param name="Source">File it was read from.</param>
public sealed record KnowledgeEntry(string Id, string Language, string Title, IReadOnlyList<string> Questions,
    IReadOnlyList<string> Tags, string Answer, string Source);

/// <summary>The organisation's knowledge (STD-F1).</summary>
public interface IKnowledgeBase
{
    /// <summary>Every entry in every language.</summary>
    IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>The entry in <paramref name="language"/>, else in any language; null for an unknown id.</summary>
    KnowledgeEntry? Find(string id, string language);

    /// <summary>The entry titled <paramref name="title"/> (case-insensitive; a pressed topic button), preferring <paramref name="language"/>.</summary>
    KnowledgeEntry? FindByTitle(string title, string language);

    /// <summary>Entries that share a tag with <paramref name="id"/>, in <paramref name="language"/>.</summary>
    IReadOnlyList<KnowledgeEntry> Related(string id, string language, int max);
}
