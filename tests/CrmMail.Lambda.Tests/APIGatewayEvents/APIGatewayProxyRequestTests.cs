using System.Text.Json;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Tests.Shared;

namespace CrmMail.Lambda.Tests.APIGatewayEvents;

public class APIGatewayProxyRequestTests
{
    private static readonly SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext> Serializer = new(LambdaEventsJsonContext.Default);

    private static APIGatewayProxyRequest Load(string name)
    {
        using var stream = File.OpenRead(TestPaths.Fixture("events", name));
        return Serializer.Deserialize<APIGatewayProxyRequest>(stream);
    }

    [Fact]
    public void Deserialize_PowertoolsSample_KeepsNullsAndMultiValueMaps()
    {
        var sut = Load("apigateway-rest-proxy.powertools-python.json");

        Assert.Equal("/my/path", sut.Resource);
        Assert.Equal("GET", sut.HttpMethod);
        Assert.Equal("value1", sut.Headers!["header1"]);
        Assert.Equal(["value1", "value2"], sut.MultiValueHeaders!["header2"]);
        Assert.Equal(["value1", "value2"], sut.MultiValueQueryStringParameters!["parameter1"]);
        Assert.Equal("value", sut.QueryStringParameters!["parameter2"]);
        Assert.Null(sut.PathParameters);
        Assert.Null(sut.StageVariables);
        Assert.False(sut.IsBase64Encoded);
        Assert.Equal("Hello from Lambda!", sut.Body);
        Assert.Null(sut.RequestContext!.ResourceId);
        Assert.Equal("$default", sut.RequestContext.Stage);
        Assert.Equal(1583349317135, sut.RequestContext.RequestTimeEpoch);
        Assert.Equal("192.168.0.1/32", sut.RequestContext.Identity!.SourceIp);
        Assert.Equal("user-agent", sut.RequestContext.Identity.UserAgent);
        Assert.Null(sut.RequestContext.Identity.User);
        Assert.Equal("www.example.com", sut.RequestContext.Identity.ClientCert!.SubjectDN);
        Assert.Equal(JsonValueKind.Null, sut.RequestContext.Authorizer!["claims"].ValueKind);
    }

    [Fact]
    public void Deserialize_DotnetSample_HasNoMultiValueMaps()
    {
        var sut = Load("apigateway-rest-proxy.aws-lambda-dotnet.json");

        Assert.Equal("POST", sut.HttpMethod);
        Assert.Null(sut.MultiValueHeaders);
        Assert.Null(sut.MultiValueQueryStringParameters);
        Assert.False(sut.IsBase64Encoded);
        Assert.Equal("/{proxy+}", sut.RequestContext!.ResourcePath);
        Assert.Equal("theApiKey", sut.RequestContext.Identity!.ApiKey);
        Assert.Equal("PostmanRuntime/2.4.5", sut.RequestContext.Identity.UserAgent);
        Assert.Equal("d034bc98-beed-4fdf-9e85-11bfc15bf734", sut.RequestContext.ConnectionId);
        Assert.NotNull(sut.PathParameters);
    }

    [Fact]
    public void Deserialize_GoSample_ReadsAuthorizerValuesOfAnyJsonType()
    {
        var sut = Load("apigateway-rest-proxy.aws-lambda-go.json");

        Assert.Equal("admin", sut.RequestContext!.Authorizer!["principalId"].GetString());
        Assert.Equal(1, sut.RequestContext.Authorizer["clientId"].GetInt32());
        Assert.Equal("theApiKeyId", sut.RequestContext.Identity!.ApiKeyId);
        Assert.NotEmpty(sut.MultiValueHeaders!);
        Assert.Equal(sut.Headers!.Count, sut.MultiValueHeaders!.Count);
        foreach (var (name, value) in sut.Headers)
        {
            Assert.Equal(value, sut.MultiValueHeaders[name][^1]);
        }
    }

    [Fact]
    public void Serialize_Response_WritesOnlyTheFiveWireNames()
    {
        var sut = new APIGatewayProxyResponse { StatusCode = 200, Body = "ok", Headers = new Dictionary<string, string> { ["a"] = "b" } };

        using var stream = new MemoryStream();
        Serializer.Serialize(sut, stream);
        using var json = JsonDocument.Parse(stream.ToArray());

        Assert.Equal(
            ["body", "headers", "isBase64Encoded", "multiValueHeaders", "statusCode"],
            json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(200, json.RootElement.GetProperty("statusCode").GetInt32());
    }
}
