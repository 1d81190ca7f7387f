using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.Campaigns;

/// <summary>Composition root: configuration validated and adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        host =>
        {
            var settings = CampaignsSettings.Load(host.Environment);
            return CampaignsComposition.Build(settings, CampaignsPorts.ForAws(settings, AwsClients.CreateHttpClient(), host.TimeProvider)).HandleAsync;
        });
}
