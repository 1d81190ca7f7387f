using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Kms;
using CrmMail.Aws.S3;
using CrmMail.Kernel;
using CrmMail.Signing.Tokens;
using CrmMail.TestSupport;

namespace CrmMail.Aws.Tests.Composition;

/// <summary>
/// The SDK clients as every function builds them, against endpoints that refuse connections or
/// accept and never answer, with no deadline at all: each gives up on its own after
/// <see cref="AwsClients.MaxErrorRetry"/> retries of at most <see cref="AwsClients.AttemptTimeout"/>,
/// as <see cref="DependencyUnavailableException"/> (so the handler answers 503). Nominally 3 × 3 s
/// plus back-off; the 30 s guard is only there so a regression (the SDK's defaults: up to 100 s
/// per attempt) fails instead of hanging, not a measurement.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AwsClientsTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task DynamoDb_DeadEndpoint_GivesUpWithinItsBoundedAttemptsAsDependencyUnavailable(string kind)
    {
        // Rule: a DynamoDB call is bounded even without a deadline (the SDK's defaults: 10 retries of up to 100 s).
        using var dead = DeadEndpoint.Start(kind);
        var settings = dead.Settings();
        var sut = new DynamoDbWrappedKeyStore(AwsClients.DynamoDb(settings.Region, dead.Url), settings.TokenKeysTable, TimeProvider.System);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetAsync("0011223344556677", CancellationToken.None).WaitAsync(Guard));
    }

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task Kms_DeadEndpoint_GivesUpWithinItsBoundedAttemptsAsDependencyUnavailable(string kind)
    {
        // Rule: a KMS call is bounded even without a deadline.
        using var dead = DeadEndpoint.Start(kind);
        var settings = dead.Settings();
        var sut = new KmsKeyWrapper(AwsClients.Kms(settings.Region, dead.Url), settings.KmsKeyId);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.UnwrapAsync(new byte[64], TokenPurpose.Unsubscribe, "0011223344556677", CancellationToken.None).WaitAsync(Guard));
    }

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task S3_DeadEndpoint_GivesUpWithinItsBoundedAttemptsAsDependencyUnavailable(string kind)
    {
        // Rule: an S3 HeadObject is bounded even without a deadline.
        using var dead = DeadEndpoint.Start(kind);
        var settings = dead.Settings();
        var sut = new S3ReportLocator(AwsClients.S3(settings.Region, dead.Url), "reports");

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.FindAsync("2025/08/DN-1.pdf", CancellationToken.None).WaitAsync(Guard));
    }

    [Fact]
    public async Task DynamoDb_DeadlineFiresFirst_EndsTheCallAsTheCallersCancellation()
    {
        // Rule: the invocation's deadline reaches every SDK call and ends it (the handler maps it to 503).
        using var dead = DeadEndpoint.Start("silent");
        var settings = dead.Settings();
        var sut = new DynamoDbWrappedKeyStore(AwsClients.DynamoDb(settings.Region, dead.Url), settings.TokenKeysTable, TimeProvider.System);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.GetAsync("0011223344556677", deadline.Token).WaitAsync(Guard));
    }
}
