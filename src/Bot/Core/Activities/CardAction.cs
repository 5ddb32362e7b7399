using System.Text.Json;

namespace ChatCare.Core.Activities;

/// <summary>A button: on a card or as a suggested action.</summary>
public sealed record CardAction
{
    /// <summary><c>imBack</c>, <c>postBack</c>, <c>messageBack</c>, <c>openUrl</c>…</summary>
    public required string Type { get; init; }
    /// <summary>Button label.</summary>
    public required string Title { get; init; }
    /// <summary>What the button sends (a string for imBack/postBack).</summary>
    public JsonElement? Value { get; init; }
    /// <summary>messageBack text.</summary>
    public string? Text { get; init; }
    /// <summary>messageBack text shown in the feed.</summary>
    public string? DisplayText { get; init; }

    /// <summary>A button that sends <paramref name="value"/> as the user's message.</summary>
    public static CardAction ImBack(string title, string value) =>
        new() { Type = "imBack", Title = title, Value = JsonSerializer.SerializeToElement(value, ActivityJson.Context.String) };

    /// <summary>A button that opens a link.</summary>
    public static CardAction OpenUrl(string title, string url) =>
        new() { Type = "openUrl", Title = title, Value = JsonSerializer.SerializeToElement(url, ActivityJson.Context.String) };

    /// <summary>The value as text when it is a string, else null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ValueText => Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}

/// <summary>Buttons offered to the user for the next turn.</summary>
public sealed record SuggestedActions
{
    /// <summary>Recipients; empty means everyone.</summary>
    public IReadOnlyList<string>? To { get; init; }
    /// <summary>The buttons.</summary>
    public required IReadOnlyList<CardAction> Actions { get; init; }
}

/// <summary>Body of an <c>expectReplies</c> response.</summary>
/// <param name="Activities">The turn's replies in order.</param>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);
