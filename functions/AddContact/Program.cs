using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Identity;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Subscriptions;

namespace CrmMail.Functions.AddContact;

/// <summary>Composition root: configuration validated and adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var settings = AddContactSettings.Load(host.Environment);
            var http = AwsClients.CreateHttpClient();
            var subscriptions = await settings.Subscriptions.ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false);
            var services = SubscriptionServices.CreateForAws(subscriptions, http, host.Logger, host.TimeProvider);
            var firebase = new FirebaseTokenVerifier(new HttpFirebaseCertificateSource(http, settings.FirebaseCertificatesUrl, host.TimeProvider), settings.FirebaseProjectId, host.TimeProvider);
            var flow = new AddContactFlow(firebase, services.Tokens, services.Subscriptions, Topics.Financial);
            return new AddContactHandler(flow, services.Hasher, settings.CorsAllowedOrigins, host.TimeProvider).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
