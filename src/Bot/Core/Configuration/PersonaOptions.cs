using System.ComponentModel.DataAnnotations;

namespace ChatCare.Core.Configuration;

/// <summary>How the assistant introduces itself (STD-G2), under <c>ChatCare:Persona</c>.</summary>
public sealed class PersonaOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Persona";

    /// <summary>The assistant's name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "Sofía";

    /// <summary>Its role, in Spanish; when empty the text from <c>prompts/messages</c> is used.</summary>
    public string? Role { get; set; }

    /// <summary>Its role in English; when empty the text from <c>prompts/messages</c> is used.</summary>
    public string? RoleEnglish { get; set; }
}
