namespace ChatCare.Core.Messages;

/// <summary>Message keys the engine itself uses; skills keep their own keys next to them.</summary>
public static class MessageKeys
{
    /// <summary>Apology when a turn fails.</summary>
    public const string TurnError = "engine.turn_error";
}
