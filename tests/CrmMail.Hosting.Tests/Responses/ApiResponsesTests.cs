using System.Text.Json;
using CrmMail.Hosting.Responses;

namespace CrmMail.Hosting.Tests.Responses;

public class ApiResponsesTests
{
    [Fact]
    public void Error_WithDetails_WritesTypedBodyAndSafeHeaders()
    {
        var sut = ApiResponses.Error(400, "validation_failed", "The request is invalid.", [new("to[0]", "not an address")]);

        Assert.Equal(400, sut.StatusCode);
        Assert.Equal("no-store", sut.Headers!["Cache-Control"]);
        Assert.Equal("nosniff", sut.Headers["X-Content-Type-Options"]);
        using var json = JsonDocument.Parse(sut.Body!);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("validation_failed", error.GetProperty("code").GetString());
        Assert.Equal("to[0]", error.GetProperty("details")[0].GetProperty("field").GetString());
    }

    [Fact]
    public void Redirect_RelativeTarget_IsRefused()
        => Assert.Throws<ArgumentException>(() => ApiResponses.Redirect(new Uri("/elsewhere", UriKind.Relative)));

    [Fact]
    public void Redirect_AbsoluteTarget_Is302WithLocation()
    {
        var sut = ApiResponses.Redirect(new Uri("https://crm.example.com/unsubscribed?topic=financial"));

        Assert.Equal(302, sut.StatusCode);
        Assert.Equal("https://crm.example.com/unsubscribed?topic=financial", sut.Headers!["Location"]);
    }
}
