using System.Text;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatCare.Channels.Telegram;

/// <summary>
/// Converts the engine's Markdown to the HTML subset Telegram renders (<c>b i s code pre a blockquote</c>).
/// Markdig parses; the rendering is ours because Telegram rejects the tags a normal HTML renderer writes
/// (<c>p</c>, <c>ul</c>, <c>h1</c>…): paragraphs become blank lines, lists bullets, headings bold.
/// </summary>
public static class TelegramHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().UseEmphasisExtras(EmphasisExtraOptions.Strikethrough).Build();

    /// <summary>Telegram HTML for <paramref name="markdown"/>.</summary>
    public static string FromMarkdown(string markdown)
    {
        var html = new StringBuilder();
        WriteBlocks(html, Markdown.Parse(markdown, Pipeline), "\n\n");
        return html.ToString().Trim();
    }

    /// <summary>Escapes plain text for Telegram HTML: only the characters the Bot API requires (letters stay readable).</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
    }

    private static void WriteBlocks(StringBuilder html, ContainerBlock blocks, string separator)
    {
        var first = true;
        foreach (var block in blocks)
        {
            if (!first)
            {
                html.Append(separator);
            }
            first = false;
            WriteBlock(html, block);
        }
    }

    private static void WriteBlock(StringBuilder html, Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                html.Append("<b>");
                WriteInlines(html, heading.Inline);
                html.Append("</b>");
                break;
            case ParagraphBlock paragraph:
                WriteInlines(html, paragraph.Inline);
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                var firstItem = true;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    html.Append(firstItem ? "" : "\n").Append(list.IsOrdered ? $"{number++}. " : "• ");
                    firstItem = false;
                    WriteBlocks(html, item, "\n");
                }
                break;
            case QuoteBlock quote:
                html.Append("<blockquote>");
                WriteBlocks(html, quote, "\n");
                html.Append("</blockquote>");
                break;
            case CodeBlock code:
                html.Append("<pre>").Append(Escape(code.Lines.ToString())).Append("</pre>");
                break;
            case ThematicBreakBlock:
                html.Append("——————");
                break;
            case ContainerBlock container:
                WriteBlocks(html, container, "\n\n");
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                WriteInlines(html, leaf.Inline);
                break;
            case LeafBlock leaf:
                html.Append(Escape(leaf.Lines.ToString()));
                break;
        }
    }

    private static void WriteInlines(StringBuilder html, ContainerInline? inlines)
    {
        for (var inline = inlines?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            WriteInline(html, inline);
        }
    }

    private static void WriteInline(StringBuilder html, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                html.Append(Escape(literal.Content.ToString()));
                break;
            case EmphasisInline emphasis:
                var tag = emphasis.DelimiterChar == '~' ? "s" : emphasis.DelimiterCount >= 2 ? "b" : "i";
                html.Append('<').Append(tag).Append('>');
                WriteInlines(html, emphasis);
                html.Append("</").Append(tag).Append('>');
                break;
            case CodeInline code:
                html.Append("<code>").Append(Escape(code.Content)).Append("</code>");
                break;
            case AutolinkInline autolink:
                var href = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                html.Append("<a href=\"").Append(Escape(href)).Append("\">").Append(Escape(autolink.Url)).Append("</a>");
                break;
            case LinkInline link:
                html.Append("<a href=\"").Append(Escape(link.Url ?? "")).Append("\">");
                WriteInlines(html, link);
                html.Append("</a>");
                break;
            case LineBreakInline:
                html.Append('\n');
                break;
            case HtmlEntityInline entity:
                html.Append(Escape(entity.Transcoded.ToString()));
                break;
            case HtmlInline raw:
                html.Append(Escape(raw.Tag));
                break;
            case ContainerInline container:
                WriteInlines(html, container);
                break;
        }
    }
}
