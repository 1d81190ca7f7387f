using System.Security.Cryptography;
using System.Text;

namespace CrmMail.Campaigns;

/// <summary>The one ownership rule of the campaign API: a campaign exists only for the API key that created it.</summary>
public static class CampaignAccess
{
    /// <summary>The campaign when it exists and <paramref name="caller"/> created it; otherwise null (never "forbidden").</summary>
    public static async Task<Campaign?> FindAsync(ICampaignStore store, string campaignId, string caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(caller);
        if (!CampaignIds.IsWellFormed(campaignId))
        {
            return null;
        }

        var campaign = await store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        return campaign is not null && IsCreator(campaign, caller) ? campaign : null;
    }

    // Constant time: the comparison must not tell a caller how much of another key's id it guessed.
    private static bool IsCreator(Campaign campaign, string caller)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(campaign.CreatedBy), Encoding.UTF8.GetBytes(caller));
}
