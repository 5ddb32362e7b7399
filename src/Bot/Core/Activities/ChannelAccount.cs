namespace ChatCare.Core.Activities;

/// <summary>A participant: user, bot or agent.</summary>
/// <param name="Id">Channel-specific id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role"><c>user</c>, <c>bot</c> or <c>agent</c>; informative only.</param>
public sealed record ChannelAccount(string Id, string? Name = null, string? Role = null);

/// <summary>The conversation an activity belongs to.</summary>
/// <param name="Id">Opaque conversation id.</param>
/// <param name="Name">Optional name.</param>
/// <param name="IsGroup">True for group conversations.</param>
public sealed record ConversationAccount(string Id, string? Name = null, bool? IsGroup = null);
