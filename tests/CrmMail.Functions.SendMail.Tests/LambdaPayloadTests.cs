using System.Text;
using System.Text.Json;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Settings;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>
/// SEND_MAIL_MAX_BODY_BYTES (send-mail, outreach, campaigns) against Lambda's request limit, which
/// no stand-in enforces: API Gateway passes the body inside the event's JSON, and Lambda refuses an
/// event over 6,291,456 bytes before the function runs (so the caller would get the gateway's
/// opaque 5xx instead of the function's 413). Documented by AWS (Lambda quotas: 6 MB request,
/// synchronous) and measured at 6,291,456 bytes; API Gateway REST caps the request's headers at 10,240 bytes.
/// </summary>
public class LambdaPayloadTests
{
    private const int LambdaRequestLimit = 6_291_456;

    private const int ApiGatewayHeaderLimit = 10_240;

    // Rule: the largest body the catalogue allows, made of the characters that grow most when the
    // event is written as JSON (é: 2 UTF-8 bytes, written \u00E9, 6 bytes), inside an event with a
    // full allowance of headers (given twice, as headers and multiValueHeaders), fits in Lambda's request.
    [Theory]
    [InlineData('é')]
    [InlineData('"')]
    [InlineData('€')]
    public void MaxBody_WorstCaseEvent_FitsLambdasRequestLimit(char filler)
    {
        var maxBody = Catalogue.SendMailMaxBodyBytes.Rule.Max;
        var body = new string(filler, maxBody / Encoding.UTF8.GetByteCount(filler.ToString()));
        Assert.True(Encoding.UTF8.GetByteCount(body) <= maxBody);

        var size = EventBytes(body);

        Assert.True(size <= LambdaRequestLimit, $"{size} bytes of event for a {maxBody}-byte body of '{filler}'");
    }

    // Rule: the check above can fail: at the limit the catalogue had before (6 MiB) the worst-case event is refused by Lambda.
    [Fact]
    public void OldLimit_WorstCaseEvent_IsOverLambdasRequestLimit()
        => Assert.True(EventBytes(new string('é', 3 * 1024 * 1024)) > LambdaRequestLimit);

    private static long EventBytes(string body)
    {
        // Headers filling API Gateway's allowance (name + value bytes), in both of the event's shapes.
        var headers = Enumerable.Range(0, 40).ToDictionary(i => "X-Header-" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), _ => new string('h', (ApiGatewayHeaderLimit / 40) - 11));
        var request = new APIGatewayProxyRequest
        {
            Resource = "/campaigns",
            Path = "/campaigns",
            HttpMethod = "POST",
            Headers = headers,
            MultiValueHeaders = headers.ToDictionary(h => h.Key, h => (IList<string>)[h.Value]),
            RequestContext = new APIGatewayProxyRequestContext
            {
                Path = "/prod/campaigns",
                AccountId = "123456789012",
                ResourceId = "abc123",
                Stage = "prod",
                RequestId = Guid.NewGuid().ToString(),
                ResourcePath = "/campaigns",
                HttpMethod = "POST",
                ApiId = "a1b2c3d4e5",
                Protocol = "HTTP/1.1",
                DomainName = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
                RequestTime = "01/Dec/2026:10:00:00 +0000",
                RequestTimeEpoch = 1_796_119_200_000,
            },
            Body = string.Empty,
        };

        return JsonSerializer.SerializeToUtf8Bytes(request, CrmMail.Lambda.Serialization.SystemTextJson.LambdaEventsJsonContext.Default.APIGatewayProxyRequest).LongLength
            + EscapedBytes(body);
    }

    /// <summary>
    /// The body's size as a JSON string at its largest (RFC 8259 §7): <c>"</c> and <c>\</c> take two
    /// bytes, a control character six (<c>\u0001</c>), and every non-ASCII character <c>\uXXXX</c>
    /// (six bytes, twelve for a surrogate pair), whether or not the gateway escapes it.
    /// </summary>
    private static long EscapedBytes(string body)
        => body.Sum(c => c switch
        {
            '"' or '\\' => 2L,
            < ' ' => 6L,
            < (char)0x80 => 1L,
            _ => 6L,
        });
}
