using CrmMail.Campaigns;

namespace CrmMail.Functions.Campaigns.Tests;

public sealed class RecipientListParserTests
{
    // Rule: CSV with an optional header, RFC 4180 quotes (a doubled quote, a line break inside quotes), CRLF, and customIds separated by ';' or spaces inside their cell.
    [Fact]
    public void Parse_CsvWithHeaderAndQuotes_ReadsEveryRow()
    {
        var sut = RecipientListParser.Parse("email,customIds\r\n\"p1@example.com\",\"DN-1;DN-2\n DN-3\"\r\np2@Example.com\r\n\r\n");

        Assert.Empty(sut.Errors);
        Assert.Equal(["p1@example.com", "p2@example.com"], sut.Rows.Select(r => r.Email));
        Assert.Equal(["DN-1", "DN-2", "DN-3"], sut.Rows[0].CustomIds);
        Assert.Equal([2, 4], sut.Rows.Select(r => r.Line));
    }

    // Rule: a bad row is reported with its line number (CSV and JSON lines), never skipped silently.
    [Fact]
    public void Parse_BadRows_NameTheirLines()
    {
        var csv = RecipientListParser.Parse("p1@example.com\nnot-an-address\n\"unclosed@example.com\n");
        var json = RecipientListParser.Parse("{\"email\":\"p1@example.com\"}\n\n{\"mail\":\"x@example.com\"}\n{\"email\":\"p4@example.com\",\"customIds\":\"DN-1\"}\n");

        Assert.Equal(["Line 2: not a valid e-mail address.", "Line 3: unbalanced quotes."], csv.Errors.Select(e => e.Message));
        Assert.Equal(["Line 3: not a JSON object with an \"email\" string.", "Line 4: not a JSON object with an \"email\" string."], json.Errors.Select(e => e.Message));
        Assert.All(csv.Errors.Concat(json.Errors), e => Assert.Equal(RecipientListParser.Field, e.Field));
    }

    // Rule: at most MaxListedErrors bad lines are listed one by one; the rest are counted in one more error (the answer stays small).
    [Fact]
    public void Parse_ManyBadRows_ListsAHundredAndCountsTheRest()
    {
        var sut = RecipientListParser.Parse(string.Concat(Enumerable.Repeat("bad\n", RecipientListParser.MaxListedErrors + 7)));

        Assert.Equal(RecipientListParser.MaxListedErrors + 1, sut.Errors.Count);
        Assert.Equal("7 more bad lines not listed.", sut.Errors[^1].Message);
    }

    // Rule: a customId is the whole token: one with a trailing line break (JSON "DN-1\n") is refused, not let through by the pattern's end anchor.
    [Fact]
    public void Parse_CustomIdWithTrailingLineBreak_IsRefused()
    {
        var sut = RecipientListParser.Parse("{\"email\":\"p1@example.com\",\"customIds\":[\"DN-1\\n\"]}\n");

        Assert.Equal(["Line 1: customIds must match [A-Za-z0-9_-]{1,64}."], sut.Errors.Select(e => e.Message));
    }
}
