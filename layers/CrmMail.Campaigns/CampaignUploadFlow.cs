using System.Security.Cryptography;

namespace CrmMail.Campaigns;

/// <summary>
/// POST /campaigns/uploads: a fresh key under the caller's upload prefix and a presigned PUT
/// for it that expires after <paramref name="lifetime"/>; the caller then names the key as
/// <c>recipientsS3Key</c>.
/// </summary>
public sealed class CampaignUploadFlow(ICampaignUploads uploads, RandomNumberGenerator random, TimeSpan lifetime, TimeProvider timeProvider)
{
    /// <summary>An upload ticket for <paramref name="caller"/>.</summary>
    public async Task<CampaignUploadOutcome> RunAsync(string caller, CancellationToken cancellationToken)
    {
        var key = CampaignKeys.UploadPrefix(caller) + CampaignIds.New(random);
        var expiresAt = timeProvider.GetUtcNow() + lifetime;
        var url = await uploads.PresignPutAsync(key, expiresAt, cancellationToken).ConfigureAwait(false);
        return new CampaignUploadOutcome(key, url, expiresAt);
    }
}
