using ChatCare.Core.Conversations;
using ChatCare.Core.Understanding;

namespace ChatCare.Core.Turns.Middleware;

/// <summary>
/// Reads a message: resolves a numbered answer to the option it names (channels without buttons, STD-G4),
/// understands the text once for every skill, and follows the customer's language (STD-G3).
/// </summary>
public sealed class UnderstandingMiddleware(ITextUnderstanding understanding) : ITurnMiddleware
{
    /// <inheritdoc />
    public Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        if (!turn.Activity.IsMessage)
        {
            // A conversation that starts with a conversationUpdate (web chat) is greeted in the client's locale (STD-G3).
            if (turn.State.TurnCount == 0 && LanguageOf(turn.Activity.Locale) is { } language && language != turn.State.Language)
            {
                turn.State = turn.State with { Language = language };
            }
            return next(turn, cancellationToken);
        }

        var text = (turn.Activity.Text ?? PostBackText(turn)).Trim();
        var chosen = ResolveOption(text, turn.State.OfferedOptions);
        turn.Text = chosen?.Value ?? text;
        turn.State = turn.State with { OfferedOptions = [] };

        if (turn.Text.Length > 0)
        {
            var hint = turn.State.TurnCount == 0 ? LanguageOf(turn.Activity.Locale) ?? turn.State.Language : turn.State.Language;
            var utterance = understanding.Understand(turn.Text, hint);
            turn.Utterance = utterance;
            if (utterance.LanguageIsConfident && utterance.Language != turn.State.Language)
            {
                turn.State = turn.State with { Language = utterance.Language };
            }
            else if (turn.State.TurnCount == 0 && hint != turn.State.Language)
            {
                turn.State = turn.State with { Language = hint };
            }
        }
        return next(turn, cancellationToken);
    }

    private static string PostBackText(TurnContext turn) =>
        turn.Activity.Value is { ValueKind: System.Text.Json.JsonValueKind.String } value ? value.GetString() ?? "" : "";

    /// <summary>"2", "2." or "2)" picks the second offered option.</summary>
    private static OfferedOption? ResolveOption(string text, IReadOnlyList<OfferedOption> offered)
    {
        if (offered.Count == 0)
        {
            return null;
        }
        var digits = text.TrimEnd('.', ')', ' ');
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= offered.Count)
        {
            return offered[n - 1];
        }
        return offered.FirstOrDefault(o => string.Equals(o.Title, text, StringComparison.OrdinalIgnoreCase));
    }

    private static string? LanguageOf(string? locale) => locale?.Length >= 2
        ? locale[..2].ToLowerInvariant() switch { "es" => "es", "en" => "en", _ => null }
        : null;
}
