using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.OutreachSend;

/// <summary>Composition root: configuration validated, the AWS adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var settings = OutreachSendSettings.Load(host.Environment);
            var http = AwsClients.CreateHttpClient();
            settings = settings with { Subscriptions = await settings.Subscriptions.ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false) };
            return OutreachSendComposition.Build(settings, OutreachSendPorts.ForAws(settings, http, host.Logger, host.TimeProvider)).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
