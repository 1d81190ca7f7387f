using System.Text;
using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Hosting;
using CrmMail.Hosting.Configuration;
using CrmMail.Inbound.Mailgun;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>Composition root: configuration validated, the signing key read, adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        ComposeAsync,
        SystemEnvironmentVariables.Instance);

    private static async Task<Func<APIGatewayProxyRequest, ILambdaContext, Task<APIGatewayProxyResponse>>> ComposeAsync(LambdaHostContext host, CancellationToken cancellationToken)
    {
        var http = AwsClients.CreateHttpClient();
        var settings = await SubscriptionSettings.Load(host.Environment).ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false);
        var reader = new EnvironmentReader(host.Environment);
        var secretId = reader.Required("MAILGUN_WEBHOOK_SIGNING_KEY_SECRET");
        var maxAge = TimeSpan.FromSeconds(reader.Int("MAILGUN_WEBHOOK_MAX_AGE_SECONDS", 300, 30, 3600));
        var eventsTable = reader.Required("EVENTS_TABLE");
        var replayTable = reader.Required("IDEMPOTENCY_TABLE");
        var services = SubscriptionServices.CreateForAws(settings, http, host.Logger, host.TimeProvider);

        // Read once per container, at init: a missing secret fails the deployment visibly.
        var secrets = new SecretsManagerClient(http, settings.Region, settings.EndpointOverride, new DefaultAwsCredentialsSource(), host.TimeProvider);
        var signingKey = Encoding.UTF8.GetBytes((await secrets.GetSecretStringAsync(secretId, cancellationToken).ConfigureAwait(false)).Trim());

        var dynamo = AwsClients.DynamoDb(settings.Region, settings.EndpointOverride);
        var flow = new MailgunWebhookFlow(
            new MailgunSignatureVerifier(signingKey, host.TimeProvider, maxAge),
            new DynamoDbMailgunReplayGuard(dynamo, replayTable, host.TimeProvider),
            new DynamoDbMailgunEventStore(dynamo, eventsTable, host.TimeProvider),
            services.Subscriptions,
            services.Hasher);
        return new WebhookHandler(flow, host.TimeProvider).HandleAsync;
    }
}
