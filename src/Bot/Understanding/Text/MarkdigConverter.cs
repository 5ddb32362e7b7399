using ChatCare.Core.Text;
using Markdig;

namespace ChatCare.Understanding.Text;

/// <summary>Markdown conversion with Markdig.</summary>
public sealed class MarkdigConverter : IMarkdownConverter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().Build();

    /// <inheritdoc />
    public string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();
}
