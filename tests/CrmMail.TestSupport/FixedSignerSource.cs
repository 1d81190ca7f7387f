using CrmMail.Mail.Reports;
using CrmMail.Signing.CloudFront;

namespace CrmMail.TestSupport;

/// <summary>A signer over the shared fixture key (or any key); counts how often it is asked.</summary>
public sealed class FixedSignerSource(CloudFrontUrlSigner signer) : ICloudFrontSignerSource
{
    private int _calls;

    public int Calls => _calls;

    public Task<CloudFrontUrlSigner> GetAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(signer);
    }
}
