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

    // Rule: each event type keeps the details the statistics and the audit read (SMTP reply, delay type, feedback id,
    // complaint type and subtype, user agent, reject reason, rendering error and template, contact list), from the event object.
    [Theory]
    [InlineData("delivery", "smtpResponse", "250 2.6.0 Message received")]
    [InlineData("delivery-delay", "delayType", "TransientCommunicationFailure")]
    [InlineData("bounce", "feedbackId", "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000")]
    [InlineData("complaint", "feedbackId", "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000")]
    [InlineData("complaint", "complaintFeedbackType", "abuse")]
    [InlineData("complaint", "complaintSubType", "OnAccountSuppressionList")]
    [InlineData("complaint", "userAgent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.90 Safari/537.36")]
    [InlineData("open", "userAgent", "Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_3 like Mac OS X) AppleWebKit/603.3.8 (KHTML, like Gecko) Mobile/14G60")]
    [InlineData("click", "userAgent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.90 Safari/537.36")]
    [InlineData("reject", "reason", "Bad content")]
    [InlineData("rendering-failure", "errorMessage", "Attribute 'attributeName' is not present in the rendering data.")]
    [InlineData("rendering-failure", "templateName", "MyTemplate")]
    [InlineData("subscription", "contactList", "ContactListName")]
    [InlineData("subscription", "source", "UnsubscribeHeader")]
    public void Parse_PublishedSample_KeepsItsDetail(string sample, string name, string value)
    {
        // The published complaint sample has no subtype; SES sends one for a complaint about a suppressed address.
        var json = SesSamples.Tagged(sample, change: root =>
        {
            if (sample == "complaint")
            {
                root["complaint"]!["complaintSubType"] = "OnAccountSuppressionList";
            }
        });

        Assert.Equal(value, SesEventParser.Parse(json).Event!.Details[name]);
    }

    // Rule: a detail is kept up to DetailText.MaxLength characters and cut there; an empty one is not kept at all.
    [Fact]
    public void Parse_DetailAtAndOverTheLengthLimit_IsKeptWholeThenCutAndEmptyIsDropped()
    {
        string Reason(string reason) => SesEventParser.Parse(SesSamples.Tagged("reject", change: root => root["reject"]!["reason"] = reason)).Event!.Details.GetValueOrDefault("reason") ?? "(none)";

        Assert.Equal(new string('r', DetailText.MaxLength), Reason(new string('r', DetailText.MaxLength)));
        Assert.Equal(new string('r', DetailText.MaxLength), Reason(new string('r', DetailText.MaxLength + 1)));
        Assert.Equal("(none)", Reason(string.Empty));
    }

    // Rule: a message of exactly SNS's 256 KiB is read; one character more is refused unread.
    [Fact]
    public void Parse_MessageAtAndOverTheSnsLimit_OnlyOverIsRefused()
    {
        var json = SesSamples.Tagged("delivery");
        var atLimit = json + new string(' ', SesEventParser.MaxMessageLength - json.Length);

        Assert.NotNull(SesEventParser.Parse(atLimit).Event);
        Assert.Equal("empty_or_oversized", SesEventParser.Parse(atLimit + " ").IgnoredReason);
    }

    // Rule: JSON null is no event (ignored as not_json), never an exception.
    [Fact]
    public void Parse_JsonNull_IsIgnoredAsNotJson()
        => Assert.Equal("not_json", SesEventParser.Parse("null").IgnoredReason);

    // Rule: SES's identity notifications name the type in notificationType; event publishing's eventType wins when both are there.
    [Fact]
    public void Parse_NotificationTypeOrEventType_EventTypeWins()
    {
        var notification = SesSamples.Tagged("delivery", change: root =>
        {
            root.Remove("eventType");
            root["notificationType"] = "Delivery";
        });
        var both = SesSamples.Tagged("open", change: root => root["notificationType"] = "Delivery");

        Assert.Equal(DeliveryEventKinds.Delivered, SesEventParser.Parse(notification).Event!.Kind);
        Assert.Equal(DeliveryEventKinds.Opened, SesEventParser.Parse(both).Event!.Kind);
    }

    // Rule: an event object without its own time takes the mail's; times are kept in UTC whatever offset SES wrote.
    [Fact]
    public void Parse_NoEventTimeOrAnOffset_FallsBackToTheMailsTimeAndKeepsUtc()
    {
        var untimed = SesSamples.Tagged("delivery", change: root => root["delivery"]!.AsObject().Remove("timestamp"));
        var offset = SesSamples.Tagged("delivery", change: root => root["delivery"]!["timestamp"] = "2016-10-20T01:21:04.133+02:00");

        Assert.Equal(DateTimeOffset.Parse("2016-10-19T23:20:52.240Z", System.Globalization.CultureInfo.InvariantCulture), SesEventParser.Parse(untimed).Event!.At);
        var at = SesEventParser.Parse(offset).Event!.At;
        Assert.Equal(TimeSpan.Zero, at.Offset);
        Assert.Equal(new DateTimeOffset(2016, 10, 19, 23, 21, 4, 133, TimeSpan.Zero), at);
    }

    // Rule: a mail with no destination names no recipient: ignored, never an exception.
    [Fact]
    public void Parse_SendWithoutDestination_IsIgnoredAsNoRecipient()
        => Assert.Equal("no_recipient", SesEventParser.Parse(SesSamples.Tagged("send", change: root => root["mail"]!.AsObject().Remove("destination"))).IgnoredReason);

    // Rule: a Subscription event that only rejoins a topic is "subscribed", not "unsubscribed"; an unchanged topic is in neither list.
    [Fact]
    public void Parse_SubscriptionOnlyOptIn_IsSubscribedAndUnchangedTopicsAreNotListed()
    {
        var sut = SesEventParser.Parse(SesSamples.Subscription(
            """[{"topicName":"financial","subscriptionStatus":"OptIn"},{"topicName":"outreach","subscriptionStatus":"OptIn"}]""",
            """[{"topicName":"financial","subscriptionStatus":"OptOut"},{"topicName":"outreach","subscriptionStatus":"OptIn"}]""")).Event!;

        Assert.Equal(DeliveryEventKinds.Subscribed, sut.Kind);
        Assert.Empty(sut.Subscription!.OptedOut);
        Assert.Equal(["financial"], sut.Subscription.OptedIn);
    }

    // Rule: in SES's topic list the last entry for a topic is its status; entries without a name or a status, and null
    // entries, are skipped (an empty status is no rejoin); preferences without a topic list are no change, never an exception.
    [Fact]
    public void Parse_SubscriptionTopicListEdges_LastEntryWinsAndIncompleteEntriesAreSkipped()
    {
        var lastWins = SesEventParser.Parse(SesSamples.Subscription(
            """[{"topicName":"outreach","subscriptionStatus":"OptIn"},{"topicName":"outreach","subscriptionStatus":"OptOut"}]""",
            """[{"topicName":"outreach","subscriptionStatus":"OptIn"}]""")).Event!;
        var incomplete = SesEventParser.Parse(SesSamples.Subscription(
            """[null,{"subscriptionStatus":"OptOut"},{"topicName":"financial","subscriptionStatus":""}]""",
            """[{"topicName":"financial","subscriptionStatus":"OptOut"}]""")).Event!;
        var noList = SesEventParser.Parse(SesSamples.Tagged("subscription", change: root =>
        {
            root["subscription"]!["newTopicPreferences"] = System.Text.Json.Nodes.JsonNode.Parse("""{"unsubscribeAll":false}""");
            root["subscription"]!["oldTopicPreferences"] = System.Text.Json.Nodes.JsonNode.Parse("""{"unsubscribeAll":false}""");
        })).Event!;

        Assert.Equal(["outreach"], lastWins.Subscription!.OptedOut);
        Assert.Equal((false, 0, 0), (incomplete.Subscription!.UnsubscribedAll, incomplete.Subscription.OptedOut.Count, incomplete.Subscription.OptedIn.Count));
        Assert.Equal((DeliveryEventKinds.Subscribed, 0, 0), (noList.Kind, noList.Subscription!.OptedOut.Count, noList.Subscription.OptedIn.Count));
    }
}
