using System.Globalization;
using ChatCare.Core.Handoff;
using ChatCare.Handoff.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCare.Handoff.Agents;

/// <summary>When a team's queue moves, tells each customer still waiting in it their new place and wait (STD-H3).</summary>
public sealed partial class QueueAnnouncer(QueueMoves moves, IHandoffCaseStore cases, HandoffDesk desk, AgentWorkspace workspace,
    ILogger<QueueAnnouncer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var team in moves.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                foreach (var waiting in (await cases.WaitingAsync(stoppingToken)).Where(c => c.Team == team && c.Kind == CaseKinds.Live))
                {
                    if (await desk.PositionAsync(waiting.ConversationId, stoppingToken) is { } position)
                    {
                        await workspace.RunEventAsync(waiting.ConversationId, HandoffEvents.Position, new()
                        {
                            ["position"] = position.Position.ToString(CultureInfo.InvariantCulture),
                            ["waitMinutes"] = ((int)position.ExpectedWait.TotalMinutes).ToString(CultureInfo.InvariantCulture),
                        }, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, team);
            }
        }
    }

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Could not announce the new places in the {Team} queue")]
    private static partial void LogFailed(ILogger logger, Exception exception, string team);
}
