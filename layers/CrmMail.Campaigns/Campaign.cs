namespace CrmMail.Campaigns;

/// <summary>
/// One campaign as stored: its state and counts, when it was created, started and finished,
/// which API key created it (only that key sees the recipients' addresses) and where its
/// content and recipient list are in the private campaign bucket.
/// </summary>
public sealed record Campaign
{
    /// <summary>The campaign id (URL-safe, chosen by the API).</summary>
    public required string Id { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required CampaignState State { get; init; }

    /// <summary>Recipients by result.</summary>
    public required CampaignCounts Counts { get; init; }

    /// <summary>When the API accepted it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the planner handed its batches over.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The API key id that created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>The object key of its <see cref="CampaignContent"/>.</summary>
    public required string ContentKey { get; init; }

    /// <summary>The object key of its recipient list (JSON lines, one address a line).</summary>
    public required string RecipientsKey { get; init; }

    /// <summary>How many queue batches the planner sent (0 until planned).</summary>
    public int Batches { get; init; }

    /// <summary>Failed recipients counted by their short error code (e.g. <c>outcome_unknown</c>); empty when none failed.</summary>
    public IReadOnlyDictionary<string, long> FailuresByReason { get; init; } = NoFailures;

    /// <summary>The shared empty <see cref="FailuresByReason"/> (so an unchanged campaign compares equal).</summary>
    public static IReadOnlyDictionary<string, long> NoFailures { get; } = new Dictionary<string, long>(StringComparer.Ordinal);
}
