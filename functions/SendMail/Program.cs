using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;

namespace CrmMail.Functions.SendMail;

/// <summary>Composition root: configuration validated and adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        host =>
        {
            var settings = SendMailSettings.Load(host.Environment);
            // One HttpClient per container: SES, Secrets Manager and Mailgun share its pool.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) };
            return SendMailComposition.Build(settings, http, host.Logger, host.TimeProvider).HandleAsync;
        });
}
