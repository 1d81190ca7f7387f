using CrmMail.Aws.Composition;
using CrmMail.Aws.Http;
using CrmMail.Hosting;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Settings;

namespace CrmMail.Functions.CloudFrontKeyPair;

/// <summary>Composition root: where AWS is, the Secrets Manager client and the answer's sender, built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<CustomResourceRequest, KeyPairOutcome>(
        new SourceGeneratorLambdaJsonSerializer<KeyPairJsonContext>(KeyPairJsonContext.Default),
        host =>
        {
            var reader = new SettingsReader(host.Environment, Catalogue.CloudFrontKeyPair);
            var region = reader.Value(Catalogue.AwsRegion) ?? reader.Text(Catalogue.AwsDefaultRegion);
            var endpoint = reader.Value(Catalogue.AwsEndpointUrl) is { } url ? new Uri(url, UriKind.Absolute) : null;
            var http = AwsClients.CreateHttpClient();
            var secrets = new SecretsManagerClient(http, region, endpoint, new DefaultAwsCredentialsSource(), host.TimeProvider);
            return new KeyPairHandler(secrets, new CustomResourceResponder(http, host.TimeProvider), host.TimeProvider).HandleAsync;
        });
}
