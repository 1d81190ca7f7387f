using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace CrmMail.Aws.Http;

/// <summary>
/// AWSSDK.Core's default credential chain (environment variables in Lambda, profiles and IMDS
/// elsewhere), resolved once per container; the resolved provider refreshes its own expiry.
/// </summary>
public sealed class DefaultAwsCredentialsSource : IAwsCredentialsSource
{
    private readonly Lazy<AWSCredentials> _credentials = new(() => DefaultAWSCredentialsIdentityResolver.GetCredentials(null!));

    /// <inheritdoc />
    public async ValueTask<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
        => await _credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
}
