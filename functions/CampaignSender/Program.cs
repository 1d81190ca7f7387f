using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.Functions.CampaignSender;

/// <summary>Composition root: configuration validated, secrets resolved, the AWS adapters and the pacer built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<SQSEvent, SQSBatchResponse>(
        new SourceGeneratorLambdaJsonSerializer<CampaignSenderJsonContext>(CampaignSenderJsonContext.Default),
        async (host, cancellationToken) =>
        {
            var settings = CampaignSenderSettings.Load(host.Environment);
            var http = AwsClients.CreateHttpClient();
            settings = settings with { Subscriptions = await settings.Subscriptions.ResolveSecretsAsync(http, host.TimeProvider, cancellationToken).ConfigureAwait(false) };
            return CampaignSenderComposition.Build(settings, CampaignSenderPorts.ForAws(settings, http, host.Logger, host.TimeProvider)).HandleAsync;
        },
        SystemEnvironmentVariables.Instance);
}
