using System.Text.Json;
using CrmMail.Hosting.Http;
using CrmMail.Lambda.APIGatewayEvents;

namespace CrmMail.Hosting.Tests.Http;

public class RequestBodyTests
{
    // API Gateway's base64 flag is honoured: the text is the decoded UTF-8.
    [Fact]
    public void TryDecode_Base64Body_IsDecodedUtf8()
    {
        var request = new APIGatewayProxyRequest { Body = Convert.ToBase64String("List-Unsubscribe=One-Click&name=Zoë"u8), IsBase64Encoded = true };

        Assert.True(RequestBody.TryDecode(request, out var text));
        Assert.Equal("List-Unsubscribe=One-Click&name=Zoë", text);
    }

    // A body not flagged base64 is the text as sent, even when it happens to look like base64.
    [Theory]
    [InlineData("{\"to\":[]}")]
    [InlineData("TGlzdA==")]
    public void TryDecode_PlainBody_IsTheTextAsSent(string body)
    {
        Assert.True(RequestBody.TryDecode(new APIGatewayProxyRequest { Body = body }, out var text));
        Assert.Equal(body, text);
    }

    // No body is an empty text, not an error.
    [Fact]
    public void TryDecode_NoBody_IsEmpty()
    {
        Assert.True(RequestBody.TryDecode(new APIGatewayProxyRequest { IsBase64Encoded = true }, out var text));
        Assert.Equal(string.Empty, text);
    }

    // Flagged base64 but not base64 is refused (the caller answers 400), never an exception.
    [Theory]
    [InlineData("List-Unsubscribe=One-Click")]
    [InlineData("{\"to\":[\"a@example.com\"]}")]
    [InlineData("abc")]
    [InlineData("ab$=")]
    public void TryDecode_FlaggedBase64ButNotBase64_IsFalse(string body)
    {
        Assert.False(RequestBody.TryDecode(new APIGatewayProxyRequest { Body = body, IsBase64Encoded = true }, out var text));
        Assert.Equal(string.Empty, text);
    }

    // Every function answers the same 400 JSON error for it.
    [Fact]
    public void InvalidEncoding_Is400WithTheSharedCode()
    {
        var response = RequestBody.InvalidEncoding();

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid_body_encoding", JsonDocument.Parse(response.Body!).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    // Form fields of a body flagged base64 that is not base64 are empty, as for any malformed form: no exception.
    [Fact]
    public void FormFields_FlaggedBase64ButNotBase64_IsEmpty()
    {
        var request = new APIGatewayProxyRequest
        {
            HttpMethod = "POST",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            Body = "List-Unsubscribe=One-Click",
            IsBase64Encoded = true,
        };

        var sut = new RequestView(request);

        Assert.Empty(sut.FormFields());
        Assert.False(sut.TryBodyText(out _));
    }
}
