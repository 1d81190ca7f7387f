using System.Net;
using CrmMail.Routes;
using Microsoft.OpenApi;

namespace CrmMail.LocalSuite.Tests.Pages;

/// <summary>serve's API reference: the OpenAPI document at /openapi.json and its readable page at /docs, linked from the home page.</summary>
[Trait("Category", "Integration")]
public sealed class ApiDocsPagesTests : IAsyncLifetime
{
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync() => _suite = await SuiteHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
    }

    // Rule: /openapi.json answers the suite's valid OpenAPI document, every route of the table in it, with this server's API root as its server.
    [Fact]
    public async Task OpenApiJson_Served_IsTheValidDocumentOfEveryRouteWithThisServer()
    {
        using var response = await _suite.Http.GetAsync("openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);

        var read = OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(), "json");

        Assert.Empty(read.Diagnostic!.Errors);
        var document = read.Document!;
        Assert.Equal(_suite.Suite.ApiUrl.AbsoluteUri.TrimEnd('/'), Assert.Single(document.Servers!).Url);
        var operations = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => (m.Method, p.Key))).Order().ToList();
        Assert.Equal(RouteTable.All.Select(r => (r.Method.ToUpperInvariant(), r.Path)).Order(), operations);
    }

    // Rule: /docs is a server-rendered page listing each operation with its auth, without any script or outside resource.
    [Fact]
    public async Task Docs_Served_ListsEveryOperationWithItsAuthAndNoScript()
    {
        var page = await _suite.PageAsync("docs");

        foreach (var route in RouteTable.All)
        {
            Assert.Contains("<code>" + route.Method.ToUpperInvariant() + " " + route.Path + "</code>", page, StringComparison.Ordinal);
        }

        Assert.Contains("header x-api-key", page, StringComparison.Ordinal);
        Assert.Contains("Mailgun signature (HMAC in the body)", page, StringComparison.Ordinal);
        Assert.Contains("id=\"schema-SendMailRequest\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"schema-ErrorResponse\"", page, StringComparison.Ordinal);
        // Descriptions' `code` spans render as code, their text encoded.
        Assert.Contains("<code>List-Unsubscribe=One-Click</code>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", page, StringComparison.OrdinalIgnoreCase);
    }

    // Rule: the home page links the API reference (both the page and the document).
    [Fact]
    public async Task Home_LinksTheApiReference()
    {
        var page = await _suite.PageAsync(string.Empty);

        Assert.Contains("<a href=\"/docs\" id=\"api-docs\">", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/openapi.json\" id=\"openapi-json\">", page, StringComparison.Ordinal);
    }
}
