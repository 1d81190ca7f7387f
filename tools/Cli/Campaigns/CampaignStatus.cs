using System.Text.Json;

namespace CrmMail.Cli.Campaigns;

/// <summary>GET /campaigns/{id} as the CLI reads it.</summary>
internal sealed record CampaignStatus(string Id, string State, long Total, long Sent, long Suppressed, long Failed, long Pending, double Progress, IReadOnlyList<(string Reason, long Count)> Failures)
{
    /// <summary>completed, cancelled or failed: nothing more will change.</summary>
    public bool IsFinal => State is "completed" or "cancelled" or "failed";

    public static CampaignStatus Read(JsonElement root)
    {
        var counts = root.GetProperty("counts");
        var failures = new List<(string, long)>();
        if (root.TryGetProperty("failures", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var failure in list.EnumerateArray())
            {
                failures.Add((failure.GetProperty("reason").GetString() ?? "unknown", failure.GetProperty("count").GetInt64()));
            }
        }

        return new CampaignStatus(
            root.GetProperty("campaignId").GetString() ?? string.Empty,
            root.GetProperty("status").GetString() ?? string.Empty,
            counts.GetProperty("total").GetInt64(),
            counts.GetProperty("sent").GetInt64(),
            counts.GetProperty("suppressed").GetInt64(),
            counts.GetProperty("failed").GetInt64(),
            counts.GetProperty("pending").GetInt64(),
            root.GetProperty("progress").GetDouble(),
            failures);
    }
}
