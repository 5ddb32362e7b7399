using System.ComponentModel.DataAnnotations;

namespace ChatCare.Core.Configuration;

/// <summary>Top-level settings under <c>ChatCare</c>.</summary>
public sealed class ChatCareOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare";

    /// <summary>Folder for the LiteDB file and uploads; created when missing.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Folder of knowledge-base Markdown files; when set it replaces the built-in sample entirely.</summary>
    public string? KnowledgePath { get; set; }

    /// <summary>Folder with <c>messages/</c>, <c>intents/</c>, <c>understanding/</c> and the sample <c>knowledge/</c>.</summary>
    public string? PromptsPath { get; set; }

    /// <summary>Language used until the customer's is known: <c>es</c> or <c>en</c>.</summary>
    [Required, RegularExpression("^(es|en)$", ErrorMessage = "ChatCare:DefaultLanguage must be 'es' or 'en'.")]
    public string DefaultLanguage { get; set; } = "es";

    /// <summary>Spanish register: <c>usted</c> (default) or <c>tú</c>/<c>tu</c> (STD-G3).</summary>
    [Required, RegularExpression("^(usted|tu|tú)$", ErrorMessage = "ChatCare:FormalRegister must be 'usted' or 'tú'.")]
    public string FormalRegister { get; set; } = "usted";

    /// <summary>True when the customer is addressed as usted.</summary>
    public bool UsesUsted => FormalRegister == "usted";
}
