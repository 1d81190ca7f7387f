using Amazon.Runtime;

namespace CrmMail.Aws.Http;

/// <summary>Where request-signing credentials come from (AWSSDK.Core's default chain in Lambda).</summary>
public interface IAwsCredentialsSource
{
    /// <summary>Current credentials; refreshed by the source as they near expiry.</summary>
    ValueTask<ImmutableCredentials> GetAsync(CancellationToken cancellationToken);
}
