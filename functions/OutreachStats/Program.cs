using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.OutreachStats;

/// <summary>Composition root: configuration validated, the AWS adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var settings = OutreachStatsSettings.Load(host.Environment);
            var http = AwsClients.CreateHttpClient();
            settings = settings with { Subscriptions = await settings.Subscriptions.ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false) };
            return OutreachStatsComposition.Build(settings, OutreachStatsPorts.ForAws(settings, http, host.TimeProvider)).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
