namespace ChatCare.Core.Text;

/// <summary>Turns Markdown answers into what a channel can show.</summary>
public interface IMarkdownConverter
{
    /// <summary>Plain text for channels that do not render Markdown (lists stay readable, emphasis marks go).</summary>
    string ToPlainText(string markdown);
}
