using System.Text.Json;
using CrmMail.Mail.Validation;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>From and Reply-To display names: parsed as RFC 5322 phrases, re-emitted canonically, never a header break.</summary>
public class MailboxDisplayNameTests
{
    private static string Body(string from, string? replyTo = null)
    {
        var body = new Dictionary<string, object>
        {
            ["to"] = new[] { "a@example.com" }, ["subject"] = "S", ["html"] = "<p>x</p>", ["text"] = "x", ["from"] = from,
            ["campaign"] = new Dictionary<string, string> { ["name"] = "n", ["type"] = "newsletter" },
        };
        if (replyTo is not null)
        {
            body["replyTo"] = replyTo;
        }

        return JsonSerializer.Serialize(body);
    }

    // Names that need quoting (comma, quotes, backslash) are accepted and quoted once, with
    // quotes and backslashes escaped; plain names stay bare (a quoted word inside a phrase is
    // syntax, as RFC 5322 reads it); non-ASCII names stay UTF-8 here
    // (the SES transport encodes them as RFC 2047 words, Mailgun does so itself).
    [Theory]
    [InlineData("Reports <reports@example.com>", "Reports <reports@example.com>")]
    [InlineData("Smith, John <reports@example.com>", "\"Smith, John\" <reports@example.com>")]
    [InlineData("\"Smith, John\" <reports@example.com>", "\"Smith, John\" <reports@example.com>")]
    [InlineData("Dave \"The Boss\" Smith <reports@example.com>", "Dave The Boss Smith <reports@example.com>")]
    [InlineData("\"Dave \\\"The Boss\\\" Smith\" <reports@example.com>", "\"Dave \\\"The Boss\\\" Smith\" <reports@example.com>")]
    [InlineData("\"C:\\\\Reports\" <reports@example.com>", "\"C:\\\\Reports\" <reports@example.com>")]
    [InlineData("Zoë Müller <reports@example.com>", "\"Zoë Müller\" <reports@example.com>")]
    [InlineData("\"<Team>\" <reports@example.com>", "\"<Team>\" <reports@example.com>")]
    public void TryNormalizeMailbox_NamesNeedingQuotes_AreQuotedCanonically(string input, string expected)
    {
        Assert.True(AddressSyntax.TryNormalizeMailbox(input, out var mailbox));
        Assert.Equal(expected, mailbox);
        Assert.True(AddressSyntax.TrySplitMailbox(mailbox, out _, out var address));
        Assert.Equal("reports@example.com", address);
    }

    // The canonical form reads back to the same display name (what the SES encoder relies on).
    [Theory]
    [InlineData("\"Dave \\\"The Boss\\\" Smith\" <reports@example.com>", "Dave \"The Boss\" Smith")]
    [InlineData("Zoë Müller <reports@example.com>", "Zoë Müller")]
    [InlineData("reports@example.com", null)]
    public void TrySplitMailbox_CanonicalMailbox_GivesTheNameBack(string input, string? name)
    {
        Assert.True(AddressSyntax.TryNormalizeMailbox(input, out var mailbox));
        Assert.True(AddressSyntax.TrySplitMailbox(mailbox, out var displayName, out _));
        Assert.Equal(name, displayName);
    }

    // CR or LF INSIDE a display name (not only after the address) is refused for from and
    // replyTo: a name must never end a header line and start another.
    [Theory]
    [InlineData("from", "Reports\r\nBcc: victim@example.com <reports@example.com>")]
    [InlineData("from", "\"Reports\r\nBcc: victim@example.com\" <reports@example.com>")]
    [InlineData("from", "Re\nports <reports@example.com>")]
    [InlineData("replyTo", "Support\rX-Evil: 1 <support@example.com>")]
    [InlineData("replyTo", "\"Sup\r\n port\" <support@example.com>")]
    public async Task Post_LineBreakInsideDisplayName_Is400AndSendsNothing(string field, string value)
    {
        var sut = new SendMailHarness();

        var response = await sut.PostAsync(field == "from" ? Body(value) : Body("news@example.com", value));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(JsonDocument.Parse(response.Body!).RootElement.GetProperty("error").GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
        Assert.Empty(sut.Recording.Sent);
    }

    // Unbalanced quotes, angle brackets or a backslash outside quotes in the name are refused:
    // they would change where the name ends.
    [Theory]
    [InlineData("\"Reports <reports@example.com>")]
    [InlineData("Re<ports <reports@example.com>")]
    [InlineData("Re\\ports <reports@example.com>")]
    [InlineData("\"Evil\" <a@example.com>, \"Other\" <reports@example.com>")]
    public void TryNormalizeMailbox_StructureChangingName_IsRefused(string input)
        => Assert.False(AddressSyntax.TryNormalizeMailbox(input, out _));

    // Rule: a quoted name whose last character is an escaping backslash is unterminated and
    // refused (the escape may not swallow the address's angle bracket or run past the name).
    [Theory]
    [InlineData("\"Reports\\<reports@example.com>")]
    [InlineData("\"Reports \\\\\\<reports@example.com>")]
    public void TryNormalizeMailbox_QuotedNameEndingInAnEscape_IsRefused(string input)
        => Assert.False(AddressSyntax.TryNormalizeMailbox(input, out _));

    // A display name reaches the transport in canonical form (through the whole handler).
    [Fact]
    public async Task Post_DisplayNameWithComma_ReachesTheTransportQuoted()
    {
        var sut = new SendMailHarness();

        var response = await sut.PostAsync(Body("Statements, DN <reports@example.com>", "Zoë Müller <support@example.com>"));

        Assert.Equal(200, response.StatusCode);
        var message = Assert.Single(sut.Recording.Sent);
        Assert.Equal("\"Statements, DN\" <reports@example.com>", message.From);
        Assert.Equal("\"Zoë Müller\" <support@example.com>", message.ReplyTo);
    }
}
