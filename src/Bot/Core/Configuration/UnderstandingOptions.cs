using System.ComponentModel.DataAnnotations;

namespace ChatCare.Core.Configuration;

/// <summary>Confidence thresholds of the understanding pipeline, under <c>ChatCare:Understanding</c>.</summary>
public sealed class UnderstandingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Understanding";

    /// <summary>At or above this probability the top label is acted on.</summary>
    [Range(0.0, 1.0)]
    public float AnswerThreshold { get; set; } = 0.5f;

    /// <summary>
    /// At or above this (and below <see cref="AnswerThreshold"/>) the assistant asks "did you mean…?"; below, out of scope.
    /// 0.3 sits in the flat optimum of in-scope accuracy plus out-of-scope recall on the Spanish dev set.
    /// </summary>
    [Range(0.0, 1.0)]
    public float ConfirmThreshold { get; set; } = 0.3f;

    /// <summary>How many options "did you mean…?" offers.</summary>
    [Range(1, 5)]
    public int ConfirmOptions { get; set; } = 3;
}
