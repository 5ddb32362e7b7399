using ChatCare.Core.Activities;
using ChatCare.Core.Knowledge;
using ChatCare.Core.Messages;
using Microsoft.Extensions.Options;

namespace ChatCare.Skills.NeedIdentification;

/// <summary>Buttons for the configured topics, titled from the knowledge base, plus the way to a person.</summary>
public sealed class TopicMenu(IKnowledgeBase knowledge, IMessageCatalog messages, IOptions<MenuOptions> options)
{
    /// <summary>The menu in <paramref name="language"/>.</summary>
    public IReadOnlyList<CardAction> Buttons(string language)
    {
        var person = messages.Get("handoff.button", language);
        return [.. options.Value.Topics
            .Select(id => knowledge.Find(id, language))
            .Where(e => e is not null)
            .Select(e => CardAction.ImBack(e!.Title, e.Title)),
            CardAction.ImBack(person, person)];
    }
}
