using System.Net;
using System.Text;
using System.Text.Json;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.LocalSuite.Gateway;
using CrmMail.Routes;
using CrmMail.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CrmMail.LocalSuite.Tests;

/// <summary>The events the local API Gateway builds, against API Gateway's own samples and rules.</summary>
public sealed class ApiGatewayProxyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly Route Unsubscribe = RouteTable.Find("GET", "/financial/unsubscribe")!;

    [Theory]
    [InlineData("apigateway-rest-proxy.aws-lambda-dotnet.json")]
    [InlineData("apigateway-rest-proxy.aws-lambda-go.json")]
    [InlineData("apigateway-rest-proxy.powertools-python.json")]
    public void Event_HasEveryTopLevelFieldOfARealEvent_AndTheSameIdentityFields(string sample)
    {
        var built = Serialize(Build(Request("GET", "?data=abc")));
        using var real = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("events", sample)));

        // "version" marks HTTP API payload 1.0 (Powertools' sample covers both); REST events have none.
        foreach (var field in real.RootElement.EnumerateObject().Where(f => f.Name != "version"))
        {
            Assert.True(built.RootElement.TryGetProperty(field.Name, out _), $"missing {field.Name}");
        }

        var identity = built.RootElement.GetProperty("requestContext").GetProperty("identity");
        Assert.Equal("198.51.100.4", identity.GetProperty("sourceIp").GetString());
        Assert.Equal("Mozilla/5.0 test", identity.GetProperty("userAgent").GetString());
    }

    [Fact]
    public void RepeatedHeaders_KeepEveryValueInMultiValueHeaders_AndTheLastInHeaders()
    {
        var request = Request("GET", string.Empty);
        request.Headers["X-Custom"] = new StringValues(["one", "two"]);

        var built = Build(request);

        Assert.Equal(["one", "two"], built.MultiValueHeaders!["X-Custom"]);
        Assert.Equal("two", built.Headers!["X-Custom"]);
        Assert.Equal("198.51.100.4", built.Headers["X-Forwarded-For"]);
        Assert.Equal("http", built.Headers["X-Forwarded-Proto"]);
        Assert.StartsWith("Root=1-", built.Headers["X-Amzn-Trace-Id"], StringComparison.Ordinal);
    }

    [Fact]
    public void QueryParameters_AreDecoded_WithEveryValueInTheMultiValueMap()
    {
        var built = Build(Request("GET", "?a=1&a=2&b=x%20y&c=%2B"));

        Assert.Equal(["1", "2"], built.MultiValueQueryStringParameters!["a"]);
        Assert.Equal("2", built.QueryStringParameters!["a"]);
        Assert.Equal("x y", built.QueryStringParameters["b"]);
        Assert.Equal("+", built.QueryStringParameters["c"]);
    }

    [Fact]
    public void AbsentMaps_AreNull_AndTheStageIsOnlyInTheRequestContextPath()
    {
        var json = Serialize(Build(Request("GET", string.Empty)));
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("queryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("multiValueQueryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pathParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stageVariables").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("body").ValueKind);
        Assert.Equal("/financial/unsubscribe", root.GetProperty("path").GetString());
        Assert.Equal("/financial/unsubscribe", root.GetProperty("resource").GetString());
        var context = root.GetProperty("requestContext");
        Assert.Equal("/local/financial/unsubscribe", context.GetProperty("path").GetString());
        Assert.Equal("local", context.GetProperty("stage").GetString());
        Assert.Equal("req-1234567890abcdef1234567890ab", context.GetProperty("requestId").GetString());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), context.GetProperty("requestTimeEpoch").GetInt64());
        Assert.Equal("23/Nov/2026:10:00:00 +0000", context.GetProperty("requestTime").GetString());
    }

    [Fact]
    public void Body_IsTextUnlessItsContentTypeIsABinaryMediaType()
    {
        var bytes = new byte[] { 0x4c, 0x69, 0x73, 0x74, 0xff, 0x00 };
        var request = Request("POST", string.Empty);
        request.ContentType = "application/octet-stream";

        var asText = Build(request, Encoding.UTF8.GetBytes("List-Unsubscribe=One-Click"));
        var asBinary = Build(request, bytes, ["application/*"]);

        Assert.False(asText.IsBase64Encoded);
        Assert.Equal("List-Unsubscribe=One-Click", asText.Body);
        Assert.True(asBinary.IsBase64Encoded);
        Assert.Equal(bytes, Convert.FromBase64String(asBinary.Body!));
    }

    [Fact]
    public async Task Response_MultiValueHeadersAndBase64Bodies_AreWrittenAsApiGatewayWrites_Them()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var response = new APIGatewayProxyResponse
        {
            StatusCode = 207,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/pdf", ["X-One"] = "single" },
            MultiValueHeaders = new Dictionary<string, IList<string>> { ["Set-Cookie"] = ["a=1", "b=2"], ["X-One"] = ["multi"] },
            Body = Convert.ToBase64String([1, 2, 3]),
            IsBase64Encoded = true,
        };

        await ApiGatewayProxy.WriteResponseAsync(context.Response, response, default);

        Assert.Equal(207, context.Response.StatusCode);
        Assert.Equal<string>(["a=1", "b=2"], context.Response.Headers.SetCookie.Select(v => v ?? string.Empty));
        Assert.Equal("multi", context.Response.Headers["X-One"].ToString());
        Assert.Equal([1, 2, 3], ((MemoryStream)context.Response.Body).ToArray());
    }

    private static DefaultHttpContext RequestContext(string method, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 8080);
        context.Request.Path = "/local/financial/unsubscribe";
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        context.Request.Protocol = "HTTP/1.1";
        context.Request.Headers.UserAgent = "Mozilla/5.0 test";
        context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.4");
        context.Connection.LocalPort = 8080;
        return context;
    }

    private static HttpRequest Request(string method, string query) => RequestContext(method, query).Request;

    private static APIGatewayProxyRequest Build(HttpRequest request, byte[]? body = null, string[]? binaryMediaTypes = null)
        => ApiGatewayProxy.BuildEvent(request, Unsubscribe, "local", body ?? [], "req-1234567890abcdef1234567890ab", Now, binaryMediaTypes ?? [], null);

    private static JsonDocument Serialize(APIGatewayProxyRequest request)
        => JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(request, LambdaEventsJsonContext.Default.APIGatewayProxyRequest));
}
