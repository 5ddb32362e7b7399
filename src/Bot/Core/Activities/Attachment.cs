using System.Text.Json;

namespace ChatCare.Core.Activities;

/// <summary>A card or file attached to a message.</summary>
public sealed record Attachment
{
    /// <summary>MIME type or card content type.</summary>
    public required string ContentType { get; init; }
    /// <summary>Inline content (cards).</summary>
    public JsonElement? Content { get; init; }
    /// <summary>Link to the content (files).</summary>
    public string? ContentUrl { get; init; }
    /// <summary>File name.</summary>
    public string? Name { get; init; }
    /// <summary>Thumbnail link.</summary>
    public string? ThumbnailUrl { get; init; }

    /// <summary>Content type of a hero card.</summary>
    public const string HeroCardContentType = "application/vnd.microsoft.card.hero";

    /// <summary>Wraps a hero card.</summary>
    public static Attachment FromHeroCard(HeroCard card) => new()
    {
        ContentType = HeroCardContentType,
        Content = JsonSerializer.SerializeToElement(card, ActivityJson.Context.HeroCard),
    };

    /// <summary>Reads back a hero card, or null when this attachment is something else.</summary>
    public HeroCard? AsHeroCard() =>
        ContentType == HeroCardContentType && Content is { } content
            ? content.Deserialize(ActivityJson.Context.HeroCard)
            : null;
}

/// <summary>A hero card: title, text, optional image and buttons.</summary>
public sealed record HeroCard
{
    /// <summary>Title.</summary>
    public string? Title { get; init; }
    /// <summary>Subtitle.</summary>
    public string? Subtitle { get; init; }
    /// <summary>Body text.</summary>
    public string? Text { get; init; }
    /// <summary>Images.</summary>
    public IReadOnlyList<CardImage>? Images { get; init; }
    /// <summary>Buttons.</summary>
    public IReadOnlyList<CardAction>? Buttons { get; init; }
}

/// <summary>An image on a card.</summary>
/// <param name="Url">Image URL.</param>
/// <param name="Alt">Alternative text.</param>
public sealed record CardImage(string Url, string? Alt = null);
