using CrmMail.Aws.Composition;
using CrmMail.Functions.AddContact;
using CrmMail.Identity;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.TestSupport;

namespace CrmMail.Functions.AddContact.Tests;

/// <summary>
/// The function composed as in Lambda against endpoints that refuse connections or accept and
/// never answer. The context says 3 s remain; the wall-clock guard is the stack's 15 s timeout
/// for this function (infra/CrmMailStack.cs), only there so a regression fails instead of hanging.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AddContactTimeBudgetTests
{
    private static readonly TimeSpan ConfiguredTimeout = TimeSpan.FromSeconds(15);
    private readonly SubscriptionHarness _harness = new();

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task Post_EveryEndpointDead_Answers503WithRetryAfterBeforeTheTimeout(string kind)
    {
        // Rule: with every AWS endpoint dead, a resubscribe answers 503 + Retry-After inside the invocation's budget.
        using var dead = DeadEndpoint.Start(kind);
        using var http = AwsClients.CreateHttpClient();
        var services = SubscriptionServices.CreateForAws(dead.Settings(), http, new TestLambdaLogger(), TimeProvider.System);
        var firebase = new FirebaseTokenVerifier(new HttpFirebaseCertificateSource(http, dead.Url, TimeProvider.System), "crm-mail-test", TimeProvider.System);
        var sut = new AddContactHandler(new AddContactFlow(firebase, services.Tokens, services.Subscriptions, Topics.Financial), services.Hasher, [], TimeProvider.System);
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial, TokenPurpose.Resubscribe);
        var request = ApiEvents.Build("POST", "/financial/add-contact", body: $$"""{"email":"payee@example.com","token":"{{token}}"}""", headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" });

        var response = await sut.HandleAsync(request, new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(3) }).WaitAsync(ConfiguredTimeout);

        Assert.True(response.StatusCode == 503, response.Body);
        Assert.Equal("30", response.Headers!["Retry-After"]);
    }
}
