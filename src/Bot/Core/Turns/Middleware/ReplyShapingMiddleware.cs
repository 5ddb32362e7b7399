using System.Text;
using ChatCare.Core.Activities;
using ChatCare.Core.Conversations;
using ChatCare.Core.Text;

namespace ChatCare.Core.Turns.Middleware;

/// <summary>
/// Fits the replies to the channel (STD-G4): buttons beyond what the channel shows become numbered text,
/// cards and Markdown become text where they do not render, and the options offered are remembered so "2" can answer.
/// </summary>
public sealed class ReplyShapingMiddleware(IMarkdownConverter markdown) : ITurnMiddleware
{
    /// <inheritdoc />
    public async Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        await next(turn, cancellationToken);
        if (turn.Replies.Count == 0)
        {
            return;
        }

        var offered = new List<OfferedOption>();
        turn.ReplaceReplies(turn.Replies.Select(reply => Shape(reply, turn, offered)));
        if (offered.Count > 0)
        {
            turn.State = turn.State with { OfferedOptions = offered };
        }
    }

    private Activity Shape(Activity reply, TurnContext turn, List<OfferedOption> offered)
    {
        var capabilities = turn.Capabilities;
        var text = reply.Text;
        if (!capabilities.SupportsMarkdown && text is not null && reply.TextFormat == "markdown")
        {
            text = markdown.ToPlainText(text);
            reply = reply with { TextFormat = null };
        }
        var attachments = reply.Attachments;
        if (!capabilities.SupportsHeroCards && attachments is { Count: > 0 })
        {
            var cards = attachments.Select(a => a.AsHeroCard()).Where(c => c is not null).Select(c => CardAsText(c!));
            text = string.Join("\n\n", new[] { text }.Concat(cards).Where(t => !string.IsNullOrEmpty(t)));
            attachments = [.. attachments.Where(a => a.ContentType != Attachment.HeroCardContentType)];
        }

        var actions = reply.SuggestedActions?.Actions ?? [];
        var choices = actions.Where(a => a.ValueText is not null).ToList();
        if (choices.Count > 0)
        {
            offered.Clear();
            offered.AddRange(choices.Select(a => new OfferedOption(a.Title, a.ValueText!)));
        }

        var fitsAsButtons = capabilities.SupportsSuggestedActions
            && actions.Count <= capabilities.MaxSuggestedActions
            && actions.All(a => a.Title.Length <= capabilities.MaxActionTitleLength);
        if (actions.Count > 0 && !fitsAsButtons)
        {
            var numbered = new StringBuilder(text);
            for (var i = 0; i < choices.Count; i++)
            {
                numbered.Append(i == 0 ? "\n\n" : "\n").Append(i + 1).Append(". ").Append(choices[i].Title);
            }
            text = numbered.ToString();
            return reply with { Text = Trim(text, capabilities.MaxTextLength), Attachments = NullIfEmpty(attachments), SuggestedActions = null };
        }

        return reply with { Text = Trim(text, capabilities.MaxTextLength), Attachments = NullIfEmpty(attachments) };
    }

    private static string CardAsText(HeroCard card) =>
        string.Join("\n", new[] { card.Title, card.Subtitle, card.Text }.Where(s => !string.IsNullOrEmpty(s)));

    private static IReadOnlyList<Attachment>? NullIfEmpty(IReadOnlyList<Attachment>? attachments) =>
        attachments is { Count: > 0 } ? attachments : null;

    private static string? Trim(string? text, int max) =>
        text is not null && text.Length > max ? string.Concat(text.AsSpan(0, max - 1), "…") : text;
}
