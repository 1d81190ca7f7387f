using CrmMail.Inbound.Events;
using CrmMail.Inbound.SesEvents;

namespace CrmMail.Functions.SesEvents.Tests;

public class SesEventParserTests
{
    // Rule: every published SES sample parses into the suite's kind, SES's message id, the event object's own time and the recipient it names.
    [Theory]
    [InlineData("send", "Send", DeliveryEventKinds.Sent, "2016-10-14T05:02:16.645Z")]
    [InlineData("delivery", "Delivery", DeliveryEventKinds.Delivered, "2016-10-19T23:21:04.133Z")]
    [InlineData("bounce", "Bounce", DeliveryEventKinds.Bounced, "2017-08-05T00:41:02.669Z")]
    [InlineData("complaint", "Complaint", DeliveryEventKinds.Complained, "2017-08-05T00:41:02.669Z")]
    [InlineData("reject", "Reject", DeliveryEventKinds.Rejected, "2016-10-14T17:38:15.211Z")]
    [InlineData("open", "Open", DeliveryEventKinds.Opened, "2017-08-09T22:00:19.652Z")]
    [InlineData("click", "Click", DeliveryEventKinds.Clicked, "2017-08-09T23:51:25.570Z")]
    [InlineData("rendering-failure", "Rendering Failure", DeliveryEventKinds.Failed, "2018-01-22T18:43:06.197Z")]
    [InlineData("delivery-delay", "DeliveryDelay", DeliveryEventKinds.Delayed, "2020-06-16T00:25:40.095Z")]
    [InlineData("subscription", "Subscription", DeliveryEventKinds.Unsubscribed, "2022-01-12T01:00:17.910Z")]
    public void Parse_PublishedSample_ReadsKindTimeAndRecipient(string sample, string eventType, string kind, string at)
    {
        var result = SesEventParser.Parse(SesSamples.Read(sample));

        var sut = Assert.IsType<SesEvent>(result.Event);
        Assert.Equal(eventType, sut.EventType);
        Assert.Equal(kind, sut.Kind);
        Assert.StartsWith("EXAMPLE", sut.MessageId, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), sut.At);
        Assert.NotEmpty(sut.Recipients);
        // The samples carry no campaign tag of ours: counted under "none", never dropped.
        Assert.Equal(DeliveryEventKinds.NoCampaign, sut.Campaign);
    }

    // Rule: the send path's campaign and stream tags come back from SES's mail.tags; an unknown stream is no stream.
    [Fact]
    public void Parse_TaggedSample_ReadsCampaignAndKnownStreamOnly()
    {
        Assert.Equal(("spring-news", "outreach"), Pick(SesEventParser.Parse(SesSamples.Tagged("delivery")).Event!));
        Assert.Equal(("spring-news", (string?)null), Pick(SesEventParser.Parse(SesSamples.Tagged("delivery", stream: "everything")).Event!));

        static (string, string?) Pick(SesEvent e) => (e.Campaign, e.Stream);
    }

    // Rule: a bounce's details keep type, subtype, status and diagnostic code, with any address in the server's words replaced.
    [Fact]
    public void Parse_BounceQuotingTheAddress_KeepsDetailsWithoutTheAddress()
    {
        var json = SesSamples.Tagged("bounce", change: root => root["bounce"]!["bouncedRecipients"]![0]!["diagnosticCode"] = "smtp; 550 5.1.1 <recipient@example.com>: user unknown");

        var sut = SesEventParser.Parse(json).Event!;

        Assert.Equal("Permanent", sut.Details["bounceType"]);
        Assert.Equal("General", sut.Details["bounceSubType"]);
        var target = Assert.Single(sut.Recipients);
        Assert.Equal("5.1.1", target.Details["status"]);
        Assert.Equal("smtp; 550 5.1.1 <[address]>: user unknown", target.Details["diagnosticCode"]);
    }

    // Rule: transient bounces are soft (no opt-out), SES suppression-list bounces are "suppressed".
    [Theory]
    [InlineData("Transient", "MailboxFull", DeliveryEventKinds.SoftBounced)]
    [InlineData("Undetermined", "Undetermined", DeliveryEventKinds.SoftBounced)]
    [InlineData("Permanent", "Suppressed", DeliveryEventKinds.Suppressed)]
    [InlineData("Permanent", "OnAccountSuppressionList", DeliveryEventKinds.Suppressed)]
    [InlineData("Permanent", "NoEmail", DeliveryEventKinds.Bounced)]
    public void Parse_BounceTypes_MapToKinds(string type, string subType, string kind)
    {
        var json = SesSamples.Tagged("bounce", change: root =>
        {
            root["bounce"]!["bounceType"] = type;
            root["bounce"]!["bounceSubType"] = subType;
        });

        Assert.Equal(kind, SesEventParser.Parse(json).Event!.Kind);
    }

    // Rule: a clicked link is stored without its query and fragment, where tokens travel.
    [Fact]
    public void Parse_ClickWithQuery_KeepsTheLinkWithoutQuery()
    {
        var json = SesSamples.Tagged("click", change: root => root["click"]!["link"] = "https://example.com/unsubscribe?token=secret#top");

        Assert.Equal("https://example.com/unsubscribe", SesEventParser.Parse(json).Event!.Details["link"]);
    }

    // Rule: a Subscription event says which of our topics the recipient left or rejoined, compared with before.
    [Fact]
    public void Parse_SubscriptionTopicChange_ListsOptedOutAndOptedIn()
    {
        var json = SesSamples.Tagged("subscription", change: root =>
        {
            root["subscription"]!["newTopicPreferences"] = System.Text.Json.Nodes.JsonNode.Parse("""{"unsubscribeAll":false,"topicSubscriptionStatus":[{"topicName":"outreach","subscriptionStatus":"OptOut"},{"topicName":"financial","subscriptionStatus":"OptIn"}]}""");
            root["subscription"]!["oldTopicPreferences"] = System.Text.Json.Nodes.JsonNode.Parse("""{"unsubscribeAll":false,"topicSubscriptionStatus":[{"topicName":"outreach","subscriptionStatus":"OptIn"},{"topicName":"financial","subscriptionStatus":"OptOut"}]}""");
        });

        var sut = SesEventParser.Parse(json).Event!;

        Assert.Equal(DeliveryEventKinds.Unsubscribed, sut.Kind);
        Assert.False(sut.Subscription!.UnsubscribedAll);
        Assert.Equal(["outreach"], sut.Subscription.OptedOut);
        Assert.Equal(["financial"], sut.Subscription.OptedIn);
    }

    // Rule: what is no usable SES event is ignored with a short reason, never an exception.
    [Theory]
    [InlineData(null, "empty_or_oversized")]
    [InlineData("", "empty_or_oversized")]
    [InlineData("{not json", "not_json")]
    [InlineData("[1,2]", "not_json")]
    [InlineData("""{"eventType":"Bounce"}""", "no_message_id")]
    [InlineData("""{"eventType":"Teleport","mail":{"messageId":"m","timestamp":"2020-01-01T00:00:00Z","destination":["a@example.com"]}}""", "unknown_event_type")]
    [InlineData("""{"eventType":"Send","mail":{"messageId":"m","destination":["a@example.com"]}}""", "no_timestamp")]
    [InlineData("""{"eventType":"Send","mail":{"messageId":"m","timestamp":"2020-01-01T00:00:00Z","destination":["not an address"]}}""", "no_recipient")]
    public void Parse_Unusable_IsIgnoredWithReason(string? message, string reason)
    {
        var result = SesEventParser.Parse(message);

        Assert.Null(result.Event);
        Assert.Equal(reason, result.IgnoredReason);
    }
}
