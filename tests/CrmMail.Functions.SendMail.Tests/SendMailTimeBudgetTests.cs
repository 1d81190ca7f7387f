using CrmMail.Functions.SendMail;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Settings;
using CrmMail.TestSupport;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>
/// send-mail composed exactly as in Lambda (S3, Secrets Manager, KMS, SES, DynamoDB) against
/// endpoints that refuse connections or accept and never answer. The context says 3 s remain;
/// the wall-clock guard is the stack's 28 s timeout for this function (infra/CrmMailStack.cs),
/// only there so a regression fails instead of hanging.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SendMailTimeBudgetTests
{
    private static readonly TimeSpan ConfiguredTimeout = TimeSpan.FromSeconds(28);

    private const string Body = """
        {"to":["payee@example.com"],"subject":"Your August 2025 statement","html":"<p>Hello</p>","text":"Hello",
         "from":"Reports <reports@example.com>","campaign":{"name":"Statements 2025-08","type":"financial","month":"08","year":"2025"},
         "attachReporting":true,"customIds":["DN-10042"]}
        """;

    private static SendMailHandler Compose(DeadEndpoint dead, TestLambdaLogger logger)
    {
        var environment = dead.Environment_();
        dead.Settings(); // the SDK's credentials
        environment[Catalogue.UnsubscribeBaseUrl.Name] = "https://api.example.com/prod";
        environment[Catalogue.UnsubscribeMailbox.Name] = "unsubscribe@mail.example.com";
        environment[Catalogue.ReportsBucket.Name] = "reports";
        environment[Catalogue.CloudFrontDomain.Name] = "d111111abcdef8.cloudfront.net";
        environment[Catalogue.CloudFrontPrivateKeySecret.Name] = "cloudfront-key";
        environment[Catalogue.IdempotencyTable.Name] = "idempotency";
        var settings = SendMailSettings.Load(new DictionaryEnvironmentVariables(environment));
        return SendMailComposition.Build(settings, SendMailPorts.ForAws(settings, Aws.Composition.AwsClients.CreateHttpClient(), logger, TimeProvider.System));
    }

    [Theory]
    [InlineData("refusing", null)]
    [InlineData("silent", null)]
    [InlineData("refusing", "budget-key-1")]
    [InlineData("silent", "budget-key-1")]
    public async Task Post_EveryEndpointDead_Answers503WithRetryAfterBeforeTheTimeout(string kind, string? idempotencyKey)
    {
        // Rule: with every AWS endpoint dead, send-mail answers 503 + Retry-After inside the invocation's budget, nothing sent.
        using var dead = DeadEndpoint.Start(kind);
        var sut = Compose(dead, new TestLambdaLogger());
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (idempotencyKey is not null)
        {
            headers["Idempotency-Key"] = idempotencyKey;
        }

        var response = await sut.HandleAsync(ApiEvents.Build("POST", "/send-mail", body: Body, headers: headers), new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(3) }).WaitAsync(ConfiguredTimeout);

        Assert.True(response.StatusCode == 503, response.Body);
        Assert.Equal("30", response.Headers!["Retry-After"]);
    }
}
