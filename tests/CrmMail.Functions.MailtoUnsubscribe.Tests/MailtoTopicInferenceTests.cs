using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Inbound.Mailto;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>
/// A mail without a token unsubscribes the topic its text names, asserted per topic (issue 20,
/// mutant 7: a mail asking to stop statements must not unsubscribe from the newsletter instead).
/// </summary>
public class MailtoTopicInferenceTests
{
    private readonly SubscriptionHarness _harness = new();

    private MailtoHandler Create() => new(new MailtoUnsubscribeFlow(_harness.Services.Tokens, _harness.Services.Subscriptions, _harness.Time), _harness.Services.Hasher, 150 * 1024);

    // Rule: the words of each topic map to that topic and only to it; both or neither mean everything.
    [Theory]
    [InlineData("Please stop sending me statements", "financial")]
    [InlineData("No more royalty REPORTS", "financial")]
    [InlineData("stop the payment and invoice mails", "financial")]
    [InlineData("financial mail: stop", "financial")]
    [InlineData("No more newsletters please", "outreach")]
    [InlineData("stop the marketing and promotions", "outreach")]
    [InlineData("I don't want your news or outreach", "outreach")]
    [InlineData("stop statements and the newsletter", null)]
    [InlineData("unsubscribe", null)]
    public void InferTopics_TextNamingATopic_IsThatTopicOnly(string text, string? expected)
        => Assert.Equal(expected is null ? null : [expected], MailtoUnsubscribeFlow.InferTopics(text));

    // Rule: a verified sender asking to stop statements is unsubscribed from financial mail and stays on the newsletter.
    [Fact]
    public async Task Handle_VerifiedSenderAskingToStopStatements_UnsubscribesFinancialOnly()
    {
        var mime = SesMail.Mime("payee@example.com", "Unsubscribe", "Please stop sending me statements.");

        var report = await Create().HandleAsync(SesMail.Event(SesMail.Notification(mime, spf: "PASS", dkim: "PASS", dmarc: "PASS")), new TestLambdaContext());

        Assert.Equal(1, report.Applied);
        var contact = _harness.Contacts["payee@example.com"]!;
        Assert.False(contact.IsSubscribed(Topics.Financial));
        Assert.True(contact.IsSubscribed(Topics.Outreach));
        Assert.False(contact.UnsubscribeAll);
        Assert.Equal("financial", _harness.Audit.Rows.Single(r => r.Action == CrmMail.Subscriptions.Audit.AuditAction.Unsubscribe).Context.Detection!["inferredTopics"]);
    }
}
