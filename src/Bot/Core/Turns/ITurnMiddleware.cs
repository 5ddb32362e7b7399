namespace ChatCare.Core.Turns;

/// <summary>The rest of the pipeline.</summary>
public delegate Task NextTurn(TurnContext turn, CancellationToken cancellationToken);

/// <summary>A step of the turn pipeline that runs around the next one (de-duplication, transcript, typing, understanding).</summary>
public interface ITurnMiddleware
{
    /// <summary>Handles the turn, calling <paramref name="next"/> to continue.</summary>
    Task OnTurnAsync(TurnContext turn, NextTurn next, CancellationToken cancellationToken);
}

/// <summary>The application logic at the end of the pipeline: routes the turn to skills.</summary>
public interface ITurnHandler
{
    /// <summary>Produces the replies and the new state for one turn.</summary>
    Task HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}
