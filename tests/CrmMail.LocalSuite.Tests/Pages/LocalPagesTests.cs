using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmMail.LocalSuite.Tests.Pages;

/// <summary>The local pages a new user goes through: confirmation page in both GET modes, its errors, the message page, the audit table.</summary>
public sealed partial class LocalPagesTests : IAsyncLifetime
{
    private SuiteHarness? _suite;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_suite is not null)
        {
            await _suite.DisposeAsync();
            _suite.DeleteData();
        }
    }

    private async Task<(SuiteHarness Suite, string MessageId, string UnsubscribeLink)> SentAsync(Dictionary<string, string>? environment = null)
    {
        _suite = await SuiteHarness.StartAsync(environment: environment);
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));
        var page = await _suite.PageAsync("outbox/" + id);
        return (_suite, id, WebUtility.HtmlDecode(SuiteHarness.UnsubscribeLink().Match(page).Groups[1].Value));
    }

    private static Dictionary<string, string> Fragment(Uri location)
        => location.Fragment.TrimStart('#').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    // Rule: in confirm mode the page offers Unsubscribe (the one-click POST with the fragment's token), and no Resubscribe before an unsubscribe.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ConfirmMode_PageOffersUnsubscribe_WhosePostOptsOut()
    {
        var (suite, _, link) = await SentAsync(new Dictionary<string, string> { ["UNSUBSCRIBE_GET_MODE"] = "confirm" });
        using var redirect = await suite.Http.GetAsync(link);
        var location = redirect.Headers.Location!;
        Assert.Equal("?status=confirm&topic=financial", location.Query);

        var page = await suite.PageAsync(location.PathAndQuery.TrimStart('/'));

        Assert.Contains("<button id=\"unsubscribe\" type=\"button\">Unsubscribe</button>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"resubscribe\"", page, StringComparison.Ordinal);
        var postUrl = suite.Suite.ApiUrl + "financial/unsubscribe?data=";
        Assert.Contains(postUrl, page, StringComparison.Ordinal);
        // What the button sends: the one-click POST with the fragment's token.
        using var post = await suite.Http.PostAsync(postUrl + Uri.EscapeDataString(Fragment(location)["token"]), new StringContent("List-Unsubscribe=One-Click", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("<td data-topic=\"financial\">OPT_OUT</td>", await ContactPageAsync(suite), StringComparison.Ordinal);
    }

    // Rule: after an unsubscribe the page offers Resubscribe, and its wording after a resubscribe says so.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Unsubscribed_PageOffersResubscribe_AndSaysResubscribedAfterwards()
    {
        var (suite, _, link) = await SentAsync();
        using var redirect = await suite.Http.GetAsync(link);

        var page = await suite.PageAsync(redirect.Headers.Location!.PathAndQuery.TrimStart('/'));

        Assert.Contains("You are unsubscribed from financial emails.", page, StringComparison.Ordinal);
        Assert.Contains("id=\"resubscribe\"", page, StringComparison.Ordinal);
        Assert.Contains("You are resubscribed to financial emails.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"unsubscribe\"", page, StringComparison.Ordinal);
    }

    // Rule: /confirm on its own explains what it is; each error says what to do next.
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("confirm", "local stand-in for the CRM")]
    [InlineData("confirm?error=expired", "more recent email")]
    [InlineData("confirm?error=invalid", "exactly as it appears in the email")]
    [InlineData("confirm?error=stream_mismatch", "does not belong to the address")]
    [InlineData("confirm?error=unavailable", "again in a minute")]
    public async Task Confirm_WithoutParametersOrWithAnError_SaysWhatToDo(string path, string expected)
    {
        _suite = await SuiteHarness.StartAsync();

        var page = await _suite.PageAsync(path);

        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", page, StringComparison.Ordinal);
    }

    // Rule: a stream-mismatch GET lands on the confirmation page with an error, like every other GET error.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task StreamMismatchGet_RedirectsToTheConfirmationPageWithAnError()
    {
        var (suite, _, link) = await SentAsync();

        using var redirect = await suite.Http.GetAsync(link.Replace("/financial/unsubscribe", "/outreach/unsubscribe", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("/confirm?error=stream_mismatch", redirect.Headers.Location!.PathAndQuery);
    }

    // Rule: the message page's one-click button shows the function's answer beside it, not a blank page.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task MessagePage_OneClickButton_ShowsTheResultInThePage()
    {
        var (suite, id, _) = await SentAsync();

        var page = await suite.PageAsync("outbox/" + id);

        Assert.Contains("<p id=\"one-click-result\" role=\"status\"></p>", page, StringComparison.Ordinal);
        Assert.Matches(@"getElementById\('one-click'\)\.addEventListener\('submit',async e=>\{e\.preventDefault\(\)", page);
    }

    // Rule: the audit table is laid out to fit 1,280 px, its times name their zone, token ages read like "4 min", names as stored.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AuditTable_FitsAndReadsLikeSpeech()
    {
        var (suite, _, link) = await SentAsync();
        suite.Time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(20));
        (await suite.Http.GetAsync(link)).Dispose();

        var contact = await ContactPageAsync(suite);

        Assert.Contains("<table id=\"audit\" class=\"fit\">", contact, StringComparison.Ordinal);
        Assert.Contains("table.fit{table-layout:fixed}", contact, StringComparison.Ordinal);
        Assert.Contains("<td>4 min</td>", contact, StringComparison.Ordinal);
        // Action and source read as stored in the audit table.
        Assert.Contains("<td>unsubscribe</td>", contact, StringComparison.Ordinal);
        Assert.Contains("<td>get</td>", contact, StringComparison.Ordinal);
        Assert.Matches(@"<td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC</td>", contact);
    }

    private static async Task<string> ContactPageAsync(SuiteHarness suite)
    {
        var contacts = await suite.PageAsync("contacts");
        var href = ContactLink().Match(contacts).Groups[1].Value;
        Assert.NotEmpty(href);
        return await suite.PageAsync(href.TrimStart('/'));
    }

    [GeneratedRegex("<a href=\"(/contacts/[0-9a-f]+)\"")]
    private static partial Regex ContactLink();
}
