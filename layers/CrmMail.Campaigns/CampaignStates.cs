namespace CrmMail.Campaigns;

/// <summary>The wire names of <see cref="CampaignState"/> (stored and returned by the API).</summary>
public static class CampaignStates
{
    /// <summary>queued, sending, paused, completed, cancelled, failed.</summary>
    public static string Name(this CampaignState state) => state switch
    {
        CampaignState.Queued => "queued",
        CampaignState.Sending => "sending",
        CampaignState.Paused => "paused",
        CampaignState.Completed => "completed",
        CampaignState.Cancelled => "cancelled",
        CampaignState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown campaign state."),
    };

    /// <summary>The state named <paramref name="name"/> (ordinal, as stored).</summary>
    public static CampaignState Parse(string name) => name switch
    {
        "queued" => CampaignState.Queued,
        "sending" => CampaignState.Sending,
        "paused" => CampaignState.Paused,
        "completed" => CampaignState.Completed,
        "cancelled" => CampaignState.Cancelled,
        "failed" => CampaignState.Failed,
        _ => throw new FormatException("Unknown campaign state."),
    };

    /// <summary>True when nothing more will be sent: completed, cancelled or failed.</summary>
    public static bool IsFinal(this CampaignState state) => state is CampaignState.Completed or CampaignState.Cancelled or CampaignState.Failed;
}
