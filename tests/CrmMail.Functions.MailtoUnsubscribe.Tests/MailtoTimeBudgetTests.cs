using CrmMail.Aws.Composition;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Inbound.Mailto;
using CrmMail.Kernel;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>
/// The function composed as in Lambda against endpoints that refuse connections or accept and
/// never answer. The context says 3 s remain; the wall-clock guard is the stack's 30 s timeout
/// for this function (infra/CrmMailStack.cs), only there so a regression fails instead of hanging.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MailtoTimeBudgetTests
{
    private static readonly TimeSpan ConfiguredTimeout = TimeSpan.FromSeconds(30);
    private readonly SubscriptionHarness _harness = new();

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task Handle_EveryEndpointDead_ThrowsBeforeTheTimeoutSoLambdaRetries(string kind)
    {
        // Rule: an SNS event that cannot be handled in time throws (Lambda retries it) instead of running into Lambda's timeout.
        using var dead = DeadEndpoint.Start(kind);
        using var http = AwsClients.CreateHttpClient();
        var services = SubscriptionServices.CreateForAws(dead.Settings(), http, new TestLambdaLogger(), TimeProvider.System);
        var sut = new MailtoHandler(new MailtoUnsubscribeFlow(services.Tokens, services.Subscriptions, TimeProvider.System), services.Hasher, 150 * 1024);
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial);
        var mail = SesMail.Event(SesMail.Notification(SesMail.Mime("payee@example.com", "unsubscribe " + token)));

        await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => sut.HandleAsync(mail, new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(3) }).WaitAsync(ConfiguredTimeout));
    }
}
