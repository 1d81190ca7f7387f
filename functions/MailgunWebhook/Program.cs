using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Hosting.Configuration;
using CrmMail.Hosting;
using CrmMail.Inbound.Mailgun;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>Composition root: configuration validated, the signing key read, the AWS adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var settings = WebhookSettings.Load(host.Environment);
            var http = AwsClients.CreateHttpClient();
            settings = settings with { Subscriptions = await settings.Subscriptions.ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false) };
            var ports = await WebhookPorts.ForAwsAsync(settings, http, host.Logger, host.TimeProvider, cancellationToken).ConfigureAwait(false);
            return WebhookComposition.Build(settings, ports).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
