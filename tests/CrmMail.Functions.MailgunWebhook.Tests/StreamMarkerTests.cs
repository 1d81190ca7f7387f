using System.Text.Json;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>
/// An <c>unsubscribed</c> event opts out the stream its own marker tag names, never a tag that
/// merely looks like a topic: the tags here are the ones the send path gives Mailgun
/// (MessageComposer, then MailgunTransport's form fields), echoed back as Mailgun does.
/// </summary>
public class StreamMarkerTests
{
    private readonly WebhookHarness _sut = new();

    private static string[] MailgunTags(string campaignName, CampaignType type)
    {
        var composer = new MessageComposer(new ListUnsubscribe(new Uri("https://api.example.com/prod"), "unsubscribe@mail.example.com"), new PiiHasher(new byte[16]), true);
        var command = new SendMailCommand(["payee@example.com"], "crm@example.com", null, "Statement", "<p>x</p>", "x", campaignName, type, null);
        var message = composer.Compose(command, "payee@example.com", "token", []);
        return MailgunTransport.Fields(message).Where(f => f.Key == "o:tag").Select(f => f.Value).ToArray();
    }

    private Contact Payee => _sut.Subscriptions.Contacts["payee@example.com"]!;

    // A financial campaign named "outreach": the campaign tag comes first, but only the marker names the stream.
    [Fact]
    public async Task Unsubscribed_FinancialCampaignNamedOutreach_OptsOutFinancial()
    {
        var tags = MailgunTags("outreach", CampaignType.Financial);

        var response = await _sut.PostAsync(_sut.Json("unsubscribed", "ev-named", tags: tags));

        Assert.Equal(200, response.StatusCode);
        Assert.False(Payee.IsSubscribed(Topics.Financial));
        Assert.True(Payee.IsSubscribed(Topics.Outreach));
        Assert.Equal("financial", _sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!["stream"]);
    }

    // A campaign name shaped like the marker is sanitised on the way out, so it cannot name another stream.
    [Theory]
    [InlineData("stream:outreach")]
    [InlineData("STREAM:outreach")]
    [InlineData("stream: outreach")]
    public async Task Unsubscribed_CampaignNameLikeTheMarker_CannotSpoofTheStream(string campaignName)
    {
        var tags = MailgunTags(campaignName, CampaignType.Financial);

        Assert.Equal(["stream:financial"], tags.Where(t => t.StartsWith("stream:", StringComparison.OrdinalIgnoreCase)));
        await _sut.PostAsync(_sut.Json("unsubscribed", "ev-spoof", tags: tags));

        Assert.False(Payee.IsSubscribed(Topics.Financial));
        Assert.True(Payee.IsSubscribed(Topics.Outreach));
    }

    // A newsletter's marker names outreach, whatever its campaign is called.
    [Fact]
    public async Task Unsubscribed_NewsletterCampaignNamedFinancial_OptsOutOutreach()
    {
        await _sut.PostAsync(_sut.Json("unsubscribed", "ev-news", tags: MailgunTags("financial", CampaignType.Newsletter)));

        Assert.False(Payee.IsSubscribed(Topics.Outreach));
        Assert.True(Payee.IsSubscribed(Topics.Financial));
    }

    // Bare topic names are campaign names, not markers; without a (single, known) marker the recipient leaves everything.
    [Theory]
    [InlineData("financial")]
    [InlineData("outreach,newsletter")]
    [InlineData("")]
    [InlineData("stream:financial,stream:outreach")]
    [InlineData("stream:billing")]
    public async Task Unsubscribed_NoSingleKnownMarker_UnsubscribesEverything(string tagList)
    {
        var tags = tagList.Split(',', StringSplitOptions.RemoveEmptyEntries);

        var response = await _sut.PostAsync(_sut.Json("unsubscribed", "ev-unmarked", tags: tags));

        Assert.Equal(200, response.StatusCode);
        Assert.True(Payee.UnsubscribeAll);
        Assert.Equal("unmarked", _sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!["stream"]);
        Assert.Equal("Unsubscribed from everything (no stream marker).", JsonDocument.Parse(response.Body!).RootElement.GetProperty("message").GetString());
    }

    // Mailgun treats tags case-insensitively: the marker is read the same way.
    [Fact]
    public async Task Unsubscribed_MarkerInAnotherCase_IsRead()
    {
        await _sut.PostAsync(_sut.Json("unsubscribed", "ev-case", tags: ["Stream:Outreach"]));

        Assert.False(Payee.IsSubscribed(Topics.Outreach));
        Assert.True(Payee.IsSubscribed(Topics.Financial));
    }
}
