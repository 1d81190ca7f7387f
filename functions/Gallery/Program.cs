using CrmMail.Aws.Composition;
using CrmMail.Hosting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.Gallery;

/// <summary>Composition root: configuration validated, the AWS adapters built once per container (the signing key is read on first use).</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        host =>
        {
            var settings = GallerySettings.Load(host.Environment);
            return GalleryComposition.Build(settings, GalleryPorts.ForAws(settings, AwsClients.CreateHttpClient(), host.TimeProvider)).HandleAsync;
        });
}
