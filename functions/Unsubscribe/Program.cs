using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Subscriptions;

namespace CrmMail.Functions.Unsubscribe;

/// <summary>Composition root: configuration validated and adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var settings = UnsubscribeSettings.Load(host.Environment);
            var http = AwsClients.CreateHttpClient();
            var subscriptions = await settings.Subscriptions.ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false);
            var services = SubscriptionServices.CreateForAws(subscriptions, http, host.Logger, host.TimeProvider);
            var flow = new UnsubscribeFlow(services.Tokens, services.Subscriptions, host.TimeProvider);
            return new UnsubscribeHandler(flow, services.Hasher, settings.ConfirmationUrl, settings.ApplyOnGet).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
