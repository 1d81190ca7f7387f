using CrmMail.Mail.Reports;
using CrmMail.Signing.CloudFront;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>The signer over the local CloudFront key file, built once.</summary>
public sealed class LocalCloudFrontSignerSource(CloudFrontUrlSigner signer) : ICloudFrontSignerSource
{
    /// <inheritdoc />
    public Task<CloudFrontUrlSigner> GetAsync(CancellationToken cancellationToken) => Task.FromResult(signer);
}
