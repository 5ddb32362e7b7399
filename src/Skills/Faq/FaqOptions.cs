using System.ComponentModel.DataAnnotations;

namespace ChatCare.Skills.Faq;

/// <summary>How answers are followed up (STD-F2), under <c>ChatCare:Faq</c>.</summary>
public sealed class FaqOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Faq";

    /// <summary>How many related topics are offered after an answer.</summary>
    [Range(0, 3)]
    public int RelatedTopics { get; set; } = 2;
}
