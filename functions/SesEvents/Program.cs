using CrmMail.Aws.Composition;
using CrmMail.Hosting.Configuration;
using CrmMail.Hosting;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Lambda.SNSEvents;

namespace CrmMail.Functions.SesEvents;

/// <summary>Composition root: configuration validated, the AWS adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<SNSEvent, SesEventsReport>(
        new SourceGeneratorLambdaJsonSerializer<SesEventsJsonContext>(SesEventsJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var settings = SesEventsSettings.Load(host.Environment);
            var http = AwsClients.CreateHttpClient();
            settings = settings with { Subscriptions = await settings.Subscriptions.ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false) };
            return SesEventsComposition.Build(settings, SesEventsPorts.ForAws(settings, http, host.Logger, host.TimeProvider)).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
