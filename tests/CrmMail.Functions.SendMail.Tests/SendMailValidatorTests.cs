using System.Text.Json;
using CrmMail.Mail.Validation;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>
/// <see cref="SendMailValidator"/> directly, each limit at its edge (the last accepted value and
/// the first refused one), so a limit moved by one is caught.
/// </summary>
public class SendMailValidatorTests
{
    private static SendMailRequest Valid(Func<SendMailRequest, SendMailRequest>? change = null)
    {
        var request = new SendMailRequest
        {
            To = ["a@example.com"],
            Subject = "Statements",
            Html = "<p>x</p>",
            Text = "x",
            From = "reports@example.com",
            Campaign = new SendMailCampaign { Name = "statements-2026-11", Type = "financial" },
        };
        return change is null ? request : change(request);
    }

    private static SendMailRequest WithReports(SendMailRequest request, object? month, object? year, params string?[] ids) => request with
    {
        AttachReporting = true,
        CustomIds = ids,
        Campaign = request.Campaign! with { Month = Element(month), Year = Element(year) },
    };

    private static JsonElement? Element(object? value) => value is null ? null : JsonSerializer.SerializeToElement(value);

    private static (SendMailCommand? Command, IReadOnlyList<FieldError> Errors, FieldError? Limit) Run(SendMailRequest request, int maxRecipients = 50, int maxBody = 1000, int maxReports = 20)
    {
        var validation = new SendMailValidator(maxRecipients, maxBody, maxReports).Validate(request);
        return (validation.Command, validation.Errors, validation.LimitExceeded);
    }

    private static string[] Fields(IReadOnlyList<FieldError> errors) => errors.Select(e => e.Field).ToArray();

    // Rule: a valid request becomes a command with every field normalised (campaign name trimmed, type mapped).
    [Fact]
    public void Validate_ValidRequest_GivesTheNormalisedCommand()
    {
        var (command, errors, limit) = Run(Valid(r => r with { Campaign = new SendMailCampaign { Name = "  news  ", Type = "newsletter" }, ReplyTo = "Help <help@B\u00dcCHER.example>" }));

        Assert.Empty(errors);
        Assert.Null(limit);
        Assert.NotNull(command);
        Assert.Equal(["a@example.com"], command.Recipients);
        Assert.Equal("news", command.CampaignName);
        Assert.Equal(CampaignType.Newsletter, command.Type);
        Assert.Equal("Help <help@xn--bcher-kva.example>", command.ReplyTo);
        Assert.Null(command.Reports);
    }

    // Rule: recipients are de-duplicated case-insensitively and keep their first spelling and order.
    [Fact]
    public void Validate_DuplicateRecipients_AreSentOnceInFirstOrder()
    {
        var (command, _, _) = Run(Valid(r => r with { To = ["b@example.com", "A@example.com", "B@EXAMPLE.com", "a@example.com"] }));

        Assert.Equal(["b@example.com", "A@example.com"], command!.Recipients);
    }

    // Rule: the recipient limit counts distinct recipients: exactly the limit passes, one more is 413 (field "to").
    [Fact]
    public void Validate_RecipientsAtAndOverTheLimit_OnlyOverIsTheLimitError()
    {
        var three = Valid(r => r with { To = ["a@example.com", "b@example.com", "c@example.com"] });

        Assert.NotNull(Run(three, maxRecipients: 3).Command);
        var (command, errors, limit) = Run(three, maxRecipients: 2);
        Assert.Null(command);
        Assert.Equal("to", limit!.Field);
        Assert.Same(limit, Assert.Single(errors));
    }

    // Rule: no recipient, or an invalid one, is an error naming the list or the entry.
    [Fact]
    public void Validate_MissingOrInvalidRecipients_NameTheField()
    {
        Assert.Equal(["to"], Fields(Run(Valid(r => r with { To = [] })).Errors));
        Assert.Equal(["to"], Fields(Run(Valid(r => r with { To = null })).Errors));
        Assert.Equal(["to[1]"], Fields(Run(Valid(r => r with { To = ["a@example.com", "nope", "b@example.com"] })).Errors));
    }

    // Rule: the subject is required, one line without control characters, at most 998 characters.
    [Theory]
    [InlineData(null, false)]
    [InlineData("   ", false)]
    [InlineData("Tab\there", false)]
    [InlineData("Bell\u0007", false)]
    [InlineData("Line\u2028separator is not a control", true)]
    public void Validate_Subject_IsRequiredAndOneLine(string? subject, bool ok)
        => Assert.Equal(ok, Run(Valid(r => r with { Subject = subject })).Errors.Count == 0);

    // Rule: the subject's limit is 998 characters: 998 passes, 999 is refused.
    [Fact]
    public void Validate_SubjectOf998And999_AcceptsOnlyThe998()
    {
        Assert.Empty(Run(Valid(r => r with { Subject = new string('s', SendMailValidator.MaxSubjectLength) })).Errors);
        Assert.Equal(["subject"], Fields(Run(Valid(r => r with { Subject = new string('s', SendMailValidator.MaxSubjectLength + 1) })).Errors));
        Assert.Equal(998, SendMailValidator.MaxSubjectLength);
    }

    // Rule: html and text are both required and together at most the configured size: the limit passes, one more is refused.
    [Fact]
    public void Validate_BodiesAtAndOverTheSizeLimit_OnlyOverIsRefused()
    {
        Assert.Empty(Run(Valid(r => r with { Html = new string('h', 600), Text = new string('t', 400) }), maxBody: 1000).Errors);
        var over = Run(Valid(r => r with { Html = new string('h', 600), Text = new string('t', 401) }), maxBody: 1000);
        Assert.Equal(["html"], Fields(over.Errors));
        Assert.Null(over.Limit);
        Assert.Equal(["text", "html"], Fields(Run(Valid(r => r with { Html = new string('h', 1001), Text = null }), maxBody: 1000).Errors));
        Assert.Equal(["html", "html"], Fields(Run(Valid(r => r with { Html = null, Text = new string('t', 1001) }), maxBody: 1000).Errors));
    }

    // Rule: a missing html or text body is its own error.
    [Fact]
    public void Validate_MissingBodies_NameTheirFields()
    {
        Assert.Equal(["html"], Fields(Run(Valid(r => r with { Html = " " })).Errors));
        Assert.Equal(["text"], Fields(Run(Valid(r => r with { Text = null })).Errors));
    }

    // Rule: an invalid From or Reply-To names its field; an absent Reply-To is fine.
    [Fact]
    public void Validate_BadFromOrReplyTo_NameTheField()
    {
        Assert.Equal(["from"], Fields(Run(Valid(r => r with { From = null })).Errors));
        Assert.Equal(["replyTo"], Fields(Run(Valid(r => r with { ReplyTo = "x" })).Errors));
        Assert.Null(Run(Valid()).Command!.ReplyTo);
    }

    // Rule: the campaign is required, its type is financial or newsletter, its name one line of 1–256 characters.
    [Theory]
    [InlineData(null, "financial", "campaign.name")]
    [InlineData(" ", "financial", "campaign.name")]
    [InlineData("a\nb", "financial", "campaign.name")]
    [InlineData("n", "Financial", "campaign.type")]
    [InlineData("n", null, "campaign.type")]
    public void Validate_BadCampaign_NamesTheField(string? name, string? type, string field)
        => Assert.Equal([field], Fields(Run(Valid(r => r with { Campaign = new SendMailCampaign { Name = name, Type = type } })).Errors));

    // Rule: the campaign name's limit is 256 characters: 256 passes, 257 is refused.
    [Fact]
    public void Validate_CampaignNameOf256And257_AcceptsOnlyThe256()
    {
        Assert.Empty(Run(Valid(r => r with { Campaign = r.Campaign! with { Name = new string('c', 256) } })).Errors);
        Assert.Equal(["campaign.name"], Fields(Run(Valid(r => r with { Campaign = r.Campaign! with { Name = new string('c', 257) } })).Errors));
    }

    // Rule: a missing campaign is one error.
    [Fact]
    public void Validate_NoCampaign_IsCampaignError()
        => Assert.Equal(["campaign"], Fields(Run(Valid(r => r with { Campaign = null })).Errors));

    // Rule: the campaign type maps to its topic and wire name (financial → financial, newsletter → outreach).
    [Fact]
    public void CampaignType_MapsToTopicAndName()
    {
        Assert.Equal("financial", CampaignType.Financial.Topic());
        Assert.Equal("outreach", CampaignType.Newsletter.Topic());
        Assert.Equal("financial", CampaignType.Financial.Name());
        Assert.Equal("newsletter", CampaignType.Newsletter.Name());
    }

    // Rule: with attachReporting, month (1–12, string or number, padded) and year (four digits) select the period; ids are de-duplicated.
    [Theory]
    [InlineData("3", "2026", "03")]
    [InlineData(12, 2026, "12")]
    [InlineData("09", "2026", "09")]
    [InlineData(1, "2026", "01")]
    public void Validate_Reports_GiveThePeriodAndDistinctIds(object month, object year, string expectedMonth)
    {
        var (command, errors, _) = Run(WithReports(Valid(), month, year, "P-1", "P_2", "P-1"));

        Assert.Empty(errors);
        Assert.Equal(new ReportSelection("2026", expectedMonth, command!.Reports!.CustomIds), command.Reports);
        Assert.Equal(["P-1", "P_2"], command.Reports.CustomIds);
        Assert.Equal("2026", command.Reports.Year);
    }

    // Rule: a bad month or year (out of range, not a number, a JSON bool) is its own error.
    [Theory]
    [InlineData("0", "2026", "month")]
    [InlineData("13", "2026", "month")]
    [InlineData(true, "2026", "month")]
    [InlineData(null, "2026", "month")]
    [InlineData(1.5, "2026", "month")]
    [InlineData("1", "26", "year")]
    [InlineData("1", "20260", "year")]
    [InlineData("1", null, "year")]
    public void Validate_BadPeriod_NamesTheField(object? month, object? year, string field)
        => Assert.Equal([field], Fields(Run(WithReports(Valid(), month, year, "P-1")).Errors));

    // Rule: the campaign's month and year win over the request's top-level ones; the top-level ones count when the campaign has none.
    [Fact]
    public void Validate_PeriodInTheCampaign_WinsOverTopLevel()
    {
        var both = WithReports(Valid(), "4", "2025", "P-1") with { Month = Element("5"), Year = Element("2024") };
        Assert.Equal(new[] { "2025", "04" }, new[] { Run(both).Command!.Reports!.Year, Run(both).Command!.Reports!.Month });

        var topOnly = WithReports(Valid(), null, null, "P-1") with { Month = Element(5), Year = Element(2024) };
        Assert.Equal(new[] { "2024", "05" }, new[] { Run(topOnly).Command!.Reports!.Year, Run(topOnly).Command!.Reports!.Month });
    }

    // Rule: report ids are required with attachReporting and each matches [A-Za-z0-9_-]{1,64}.
    [Fact]
    public void Validate_BadReportIds_NameTheEntry()
    {
        Assert.Equal(["customIds"], Fields(Run(WithReports(Valid(), "1", "2026")).Errors));
        Assert.Equal(["customIds[1]"], Fields(Run(WithReports(Valid(), "1", "2026", "ok", "../etc", "fine")).Errors));
        Assert.Equal(["customIds[0]"], Fields(Run(WithReports(Valid(), "1", "2026", [null])).Errors));
        Assert.Empty(Run(WithReports(Valid(), "1", "2026", new string('i', 64))).Errors);
        Assert.Equal(["customIds[0]"], Fields(Run(WithReports(Valid(), "1", "2026", new string('i', 65))).Errors));
    }

    // Rule: a trailing line break is no part of a valid month, year or report id (a regex "$"
    // also matches before a final "\n", which would carry the break into the S3 key and the
    // signed URL's path).
    [Theory]
    [InlineData("1\n", "2026", "P-1", "month")]
    [InlineData("1", "2026\n", "P-1", "year")]
    [InlineData("1", "2026", "P-1\n", "customIds[0]")]
    public void Validate_TrailingLineBreak_IsRefused(string month, string year, string id, string field)
        => Assert.Equal([field], Fields(Run(WithReports(Valid(), month, year, id)).Errors));

    // Rule: report ids are ignored without attachReporting (no period needed, no reports selected).
    [Fact]
    public void Validate_IdsWithoutAttachReporting_SelectNoReports()
    {
        var request = Valid() with { CustomIds = ["../bad"], AttachReporting = false };

        Assert.Null(Run(request).Command!.Reports);
    }

    // Rule: the report limit counts distinct ids: exactly the limit passes, one more is the limit error (413) naming customIds.
    [Fact]
    public void Validate_ReportIdsAtAndOverTheLimit_OnlyOverIsTheLimitError()
    {
        var three = WithReports(Valid(), "1", "2026", "a", "b", "c", "a");

        Assert.NotNull(Run(three, maxReports: 3).Command);
        var (command, errors, limit) = Run(three, maxReports: 2);
        Assert.Null(command);
        Assert.Equal("customIds", limit!.Field);
        Assert.Same(limit, Assert.Single(errors));
    }

    // Rule: when both limits are exceeded the recipients' is the one reported as the limit, and both are listed.
    [Fact]
    public void Validate_BothLimitsExceeded_RecipientsLimitFirst()
    {
        var request = WithReports(Valid(r => r with { To = ["a@example.com", "b@example.com"] }), "1", "2026", "a", "b");

        var (_, errors, limit) = Run(request, maxRecipients: 1, maxReports: 1);

        Assert.Equal("to", limit!.Field);
        Assert.Equal(["to", "customIds"], Fields(errors));
    }

    // Rule: the default report limit is 20.
    [Fact]
    public void DefaultMaxReports_IsTwenty()
    {
        var twentyOne = WithReports(Valid(), "1", "2026", Enumerable.Range(0, 21).Select(i => "p" + i).ToArray());

        Assert.Equal("customIds", new SendMailValidator(50, 1000).Validate(twentyOne) is { IsValid: false, LimitExceeded: { } limit } ? limit.Field : null);
        Assert.True(new SendMailValidator(50, 1000).Validate(twentyOne with { CustomIds = twentyOne.CustomIds!.Take(20).ToList() }).IsValid);
    }

    // Rule: the report-count limit (a 413) is judged only on a valid report selection: with a
    // bad year or a bad custom id the request is a plain 400 naming that field, and its ids are
    // not counted (a selection that is refused is not a selection of too many reports).
    [Theory]
    [InlineData("20x6", "ok")]
    [InlineData("2026", "bad id!")]
    public void Validate_InvalidReportSelectionOverTheLimit_IsNotALimitError(string year, string extraId)
    {
        var request = WithReports(Valid(), "1", year, ["a", "b", "c", extraId]);

        var (command, errors, limit) = Run(request, maxReports: 2);

        Assert.Null(command);
        Assert.Null(limit);
        Assert.DoesNotContain("customIds", Fields(errors));
        Assert.Single(errors);
    }
}
