using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Hosting.Configuration;
using CrmMail.Inbound.Mailto;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.SNSEvents;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.MailtoUnsubscribe;

/// <summary>Composition root: configuration validated and adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<SNSEvent, MailtoReport>(
        new SourceGeneratorLambdaJsonSerializer<MailtoJsonContext>(MailtoJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var http = AwsClients.CreateHttpClient();
            var settings = await SubscriptionSettings.Load(host.Environment).ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false);
            // SES's SNS action carries messages up to 150 KB.
            var maxContent = new EnvironmentReader(host.Environment).Int("MAILTO_MAX_CONTENT_BYTES", 150 * 1024, 1024, 10 * 1024 * 1024);
            var services = SubscriptionServices.CreateForAws(settings, http, host.Logger, host.TimeProvider);
            var flow = new MailtoUnsubscribeFlow(services.Tokens, services.Subscriptions, host.TimeProvider);
            return new MailtoHandler(flow, services.Hasher, maxContent).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
