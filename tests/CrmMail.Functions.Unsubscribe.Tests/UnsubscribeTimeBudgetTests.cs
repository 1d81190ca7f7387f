using System.Security.Cryptography;
using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Functions.Unsubscribe;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;

namespace CrmMail.Functions.Unsubscribe.Tests;

/// <summary>
/// The function composed as in Lambda (real SDK clients, the SES client, the container's
/// HttpClient) against endpoints that refuse connections or accept and never answer. The
/// context says 3 s remain; the wall-clock guard is the stack's 15 s timeout for this function
/// (infra/CrmMailStack.cs), only there so a regression fails instead of hanging the run.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UnsubscribeTimeBudgetTests
{
    private static readonly TimeSpan ConfiguredTimeout = TimeSpan.FromSeconds(15);
    private static readonly Uri Confirmation = new("https://crm.example.com/unsubscribed");
    private readonly SubscriptionHarness _harness = new();

    private static TestLambdaContext ThreeSecondsLeft() => new() { RemainingTime = TimeSpan.FromSeconds(3) };

    private static APIGatewayProxyRequest OneClick(string stream, string token) => ApiEvents.Build(
        "POST",
        $"/{stream}/unsubscribe",
        new Dictionary<string, string> { ["data"] = token },
        body: "List-Unsubscribe=One-Click",
        headers: new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" });

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task Post_EveryEndpointDead_Answers503WithRetryAfterBeforeTheTimeout(string kind)
    {
        // Rule: with every AWS endpoint dead, one-click answers 503 + Retry-After inside the invocation's budget.
        using var dead = DeadEndpoint.Start(kind);
        using var http = AwsClients.CreateHttpClient();
        var logger = new TestLambdaLogger();
        var services = SubscriptionServices.CreateForAws(dead.Settings(), http, logger, TimeProvider.System);
        var sut = new UnsubscribeHandler(new UnsubscribeFlow(services.Tokens, services.Subscriptions, TimeProvider.System), services.Hasher, Confirmation, applyOnGet: true);
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial);

        var response = await sut.HandleAsync(OneClick("financial", token), ThreeSecondsLeft()).WaitAsync(ConfiguredTimeout);

        Assert.True(response.StatusCode == 503, response.Body);
        Assert.Equal("30", response.Headers!["Retry-After"]);
    }

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task Get_EveryEndpointDead_RedirectsWithUnavailableBeforeTheTimeout(string kind)
    {
        // Rule: a link click with every AWS endpoint dead gets the confirmation page's "unavailable" in time.
        using var dead = DeadEndpoint.Start(kind);
        using var http = AwsClients.CreateHttpClient();
        var services = SubscriptionServices.CreateForAws(dead.Settings(), http, new TestLambdaLogger(), TimeProvider.System);
        var sut = new UnsubscribeHandler(new UnsubscribeFlow(services.Tokens, services.Subscriptions, TimeProvider.System), services.Hasher, Confirmation, applyOnGet: true);
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);

        var response = await sut.HandleAsync(ApiEvents.Build("GET", "/outreach/unsubscribe", new Dictionary<string, string> { ["data"] = token }), ThreeSecondsLeft()).WaitAsync(ConfiguredTimeout);

        Assert.Equal(302, response.StatusCode);
        Assert.Contains("error=unavailable", response.Headers!["Location"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task Post_AuditTableDead_AppliesAnswersAndWritesTheFallbackLineBeforeTheTimeout(string kind)
    {
        // Rule: a change made in time keeps its record: the audit row, or its AUDIT_FALLBACK line, within the budget.
        using var dead = DeadEndpoint.Start(kind);
        var settings = dead.Settings();
        var logger = new TestLambdaLogger();
        var contacts = new InMemoryContactList();
        var auditTable = new DynamoDbAuditLog(AwsClients.DynamoDb(settings.Region, dead.Url), settings.AuditTable);
        var services = SubscriptionServices.Create(settings, new LocalKeyWrapper(RandomNumberGenerator.GetBytes(32)), new InMemoryWrappedKeyStore(), contacts, auditTable, logger, TimeProvider.System);
        var sut = new UnsubscribeHandler(new UnsubscribeFlow(services.Tokens, services.Subscriptions, TimeProvider.System), services.Hasher, Confirmation, applyOnGet: true);
        var token = await services.Tokens.SealAsync("payee@example.com", Topics.Financial, TokenPurpose.Unsubscribe, default);

        var response = await sut.HandleAsync(OneClick("financial", token), ThreeSecondsLeft()).WaitAsync(ConfiguredTimeout);

        Assert.True(response.StatusCode == 200, response.Body);
        Assert.False(contacts["payee@example.com"]!.IsSubscribed(Topics.Financial));
        Assert.Contains(AuditTrail.FallbackMarker, logger.Buffer, StringComparison.Ordinal);
        Assert.DoesNotContain("payee@example.com", logger.Buffer, StringComparison.Ordinal);
    }
}
