namespace ChatCare.Skills.NeedIdentification;

/// <summary>The topics offered as buttons in the welcome and when a request is out of scope, under <c>ChatCare:Menu</c>.</summary>
public sealed class MenuOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "ChatCare:Menu";

    /// <summary>Knowledge-base ids, in order; ids missing from the knowledge base are skipped.</summary>
    public IList<string> Topics { get; } = ["order-tracking", "shipping-times", "returns-policy", "payment-methods"];
}
