using System.Text.Json.Serialization;
using CrmMail.Hosting;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Responses;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Aot.TestFunction;

/// <summary>
/// Echo function: GET /echo answers the path and method; /throw fails; AOT_TEST_FAIL_INIT fails
/// init; GET /sign signs a canned CloudFront URL with the PEM key at AOT_TEST_SIGNING_KEY.
/// </summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>(
        new SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext>(LambdaEventsJsonContext.Default),
        host =>
        {
            // Composition root: configuration is validated once, at init, as in the real functions.
            if (host.Environment.GetEnvironmentVariable("AOT_TEST_FAIL_INIT") is { Length: > 0 } reason)
            {
                throw new InvalidOperationException("Configuration invalid: " + reason);
            }

            // Parsed once per container, as send-mail does with its key.
            var signingKey = host.Environment.GetEnvironmentVariable("AOT_TEST_SIGNING_KEY") is { Length: > 0 } keyFile
                ? CloudFrontSigningKey.FromPem("KAOTTEST", File.ReadAllText(keyFile))
                : null;
            return (request, context) => Handle(request, context, signingKey);
        });

    private static Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context, CloudFrontSigningKey? signingKey)
    {
        if (request.Path == "/throw")
        {
            throw new InvalidOperationException("requested failure");
        }

        if (request.Path == "/sign")
        {
            var key = signingKey ?? throw new InvalidOperationException("AOT_TEST_SIGNING_KEY is not set");
            var url = new CloudFrontUrlSigner(key, TimeProvider.System).SignCanned("https://d1.example.net/a.pdf", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
            return Task.FromResult(ApiResponses.Json(200, new Signed(url, key.UsesLibCryptoContexts), EchoJsonContext.Default.Signed));
        }

        context.Logger.WriteInformation("echo", LogField.Of("path", request.Path));
        var echo = new Echo(request.HttpMethod, request.Path, request.QueryStringParameters is { } query && query.TryGetValue("q", out var q) ? q : null, request.RequestContext?.Identity?.SourceIp, context.AwsRequestId, context.RemainingTime.TotalMilliseconds > 0, GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var budget) ? Convert.ToInt64(budget, System.Globalization.CultureInfo.InvariantCulture) : -1);
        return Task.FromResult(ApiResponses.Json(200, echo, EchoJsonContext.Default.Echo));
    }
}

public sealed record Echo(string? Method, string? Path, string? Query, string? SourceIp, string RequestId, bool HasTimeLeft, long Gen0MaxBudget);

public sealed record Signed(string Url, bool LibCrypto);

[JsonSerializable(typeof(Echo))]
[JsonSerializable(typeof(Signed))]
internal sealed partial class EchoJsonContext : JsonSerializerContext;
