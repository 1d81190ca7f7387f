using Amazon.Runtime;

namespace CrmMail.Aws.Http;

/// <summary>Fixed credentials (tests, local runs against moto).</summary>
public sealed class StaticAwsCredentialsSource(ImmutableCredentials credentials) : IAwsCredentialsSource
{
    /// <inheritdoc />
    public ValueTask<ImmutableCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
