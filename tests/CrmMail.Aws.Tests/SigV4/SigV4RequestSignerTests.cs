using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using CrmMail.Aws.SigV4;
using CrmMail.Tests.Shared;

namespace CrmMail.Aws.Tests.SigV4;

public class SigV4RequestSignerTests
{
    private static JsonElement Fixture()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("aws", "botocore-requests.json")));
        return document.RootElement.Clone();
    }

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Fixture().GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_BotocoreRequest_ReproducesTheAuthorizationHeader(int index)
    {
        var fixture = Fixture();
        var credentials = fixture.GetProperty("credentials");
        var vector = fixture.GetProperty("cases")[index];
        var headers = vector.GetProperty("headers");
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!);
        using var request = new HttpRequestMessage(new HttpMethod(vector.GetProperty("method").GetString()!), vector.GetProperty("url").GetString());
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(headers.GetProperty("Content-Type").GetString()!);
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (header.Name is not ("Content-Type" or "Content-Length" or "Authorization" or "X-Amz-Date" or "X-Amz-Security-Token"))
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        var signingTime = DateTimeOffset.ParseExact(headers.GetProperty("X-Amz-Date").GetString()!, SigV4RequestSigner.AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var service = vector.GetProperty("service").GetString() == "sesv2" ? "ses" : vector.GetProperty("service").GetString()!;
        var sut = new SigV4RequestSigner(service, vector.GetProperty("region").GetString()!);

        sut.Sign(request, body, new ImmutableCredentials(
            credentials.GetProperty("accessKeyId").GetString(),
            credentials.GetProperty("secretAccessKey").GetString(),
            credentials.GetProperty("sessionToken").GetString()), signingTime);

        Assert.Equal(headers.GetProperty("Authorization").GetString(), request.Headers.GetValues("Authorization").Single());
        Assert.Equal(headers.GetProperty("X-Amz-Security-Token").GetString(), request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Equal(headers.GetProperty("X-Amz-Date").GetString(), request.Headers.GetValues("X-Amz-Date").Single());
    }

    [Fact]
    public void Sign_WithoutSessionToken_SignsNoTokenHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://email.us-east-1.amazonaws.com/v2/email/contact-lists/l/contacts/a%40b.c");

        new SigV4RequestSigner("ses", "us-east-1").Sign(request, [], new ImmutableCredentials("AKID", "secret", null), DateTimeOffset.UnixEpoch);

        Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
        Assert.Contains("SignedHeaders=host;x-amz-date,", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalRequest_QueryAndPort_AreCanonicalised()
    {
        var (canonical, signed) = SigV4RequestSigner.CanonicalRequest("GET", new Uri("http://127.0.0.1:5000/v2/x%40y?b=2&a=%20z&a=1"), [new("X-Amz-Date", "20260101T000000Z")], []);

        Assert.Equal("host;x-amz-date", signed);
        Assert.Equal(
            "GET\n/v2/x%2540y\na=%20z&a=1&b=2\nhost:127.0.0.1:5000\nx-amz-date:20260101T000000Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            canonical);
    }
}
