using CrmMail.Kernel;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Mail.Reports;

/// <summary>The CloudFront signer, built from the private key once per container (Secrets Manager in AWS).</summary>
public interface ICloudFrontSignerSource
{
    /// <summary>The signer; transient failures throw DependencyUnavailableException.</summary>
    Task<CloudFrontUrlSigner> GetAsync(CancellationToken cancellationToken);
}
