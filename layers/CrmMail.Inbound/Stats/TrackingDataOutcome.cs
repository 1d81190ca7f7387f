namespace CrmMail.Inbound.Stats;

/// <summary>What <see cref="TrackingDataFlow"/> found.</summary>
/// <param name="Status">Read, or Invalid with <paramref name="Problems"/>.</param>
/// <param name="Problems">Each refused parameter.</param>
/// <param name="Events">The page, newest first.</param>
/// <param name="Total">Events matched (a lower bound when <paramref name="Truncated"/>).</param>
/// <param name="Truncated">More matched than <see cref="TrackingDataFlow.MaxRowsRead"/>; narrow the range.</param>
/// <param name="Limit">The page size.</param>
/// <param name="Offset">Events skipped.</param>
public sealed record TrackingDataOutcome(
    TrackingDataStatus Status,
    IReadOnlyList<QueryProblem> Problems,
    IReadOnlyList<StoredDeliveryEvent> Events,
    int Total,
    bool Truncated,
    int Limit,
    int Offset)
{
    /// <summary>A refusal naming each problem.</summary>
    public static TrackingDataOutcome Refused(IReadOnlyList<QueryProblem> problems) => new(TrackingDataStatus.Invalid, problems, [], 0, false, 0, 0);
}
