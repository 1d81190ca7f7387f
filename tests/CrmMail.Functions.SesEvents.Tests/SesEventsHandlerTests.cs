using CrmMail.Functions.SesEvents;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.SesEvents;
using CrmMail.Kernel;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;

namespace CrmMail.Functions.SesEvents.Tests;

public class SesEventsHandlerTests
{
    private readonly SubscriptionHarness _harness = new();
    private readonly InMemoryDeliveryEvents _events = new();

    private SesEventsHandler Create() => new(Flow());

    private SesEventFlow Flow(IDeliveryEventStore? events = null) => new(events ?? _events, _harness.Services.Subscriptions, _harness.Services.Hasher);

    // Rule: a permanent bounce opts the recipient out of everything, with an audit row of source ses-event, and is stored with its details and counted.
    [Fact]
    public async Task HandleAsync_PermanentBounce_OptsOutEverythingAuditedStoredAndCounted()
    {
        var report = await Create().HandleAsync(SesSamples.Wrap(SesSamples.Tagged("bounce")), new TestLambdaContext());

        Assert.Equal(new SesEventsReport(1, 1, 0, 0, 1), report);
        Assert.True(_harness.Contacts[SesSamples.Recipient]!.UnsubscribeAll);
        var row = _harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe);
        Assert.Equal(AuditSource.SesEvent, row.Context.Source);
        Assert.Equal("bounce", row.Context.Detection!["reason"]);
        Assert.Equal("Bounce", row.Context.Detection!["event"]);
        Assert.StartsWith("ses-event:ses:", row.Context.EventId, StringComparison.Ordinal);
        var stored = Assert.Single(_events.Events.Values);
        Assert.Equal(("ses", DeliveryEventKinds.Bounced, "spring-news", "outreach"), (stored.Provider, stored.Kind, stored.Campaign, stored.Stream));
        Assert.Equal(_harness.Services.Hasher.Hash(SesSamples.Recipient), stored.RecipientHash);
        Assert.Equal("smtp; 550 5.1.1 user unknown", stored.Details["diagnosticCode"]);
        Assert.Equal("Bounce", stored.Details["eventType"]);
        Assert.Equal(1, _events.Total("spring-news", CampaignCounters.Bounced));
    }

    // Rule: a complaint opts the recipient out of everything (audit reason "complaint").
    [Fact]
    public async Task HandleAsync_Complaint_OptsOutEverything()
    {
        await Create().HandleAsync(SesSamples.Wrap(SesSamples.Tagged("complaint")), new TestLambdaContext());

        Assert.True(_harness.Contacts[SesSamples.Recipient]!.UnsubscribeAll);
        Assert.Equal("complaint", _harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!["reason"]);
        Assert.Equal(1, _events.Total("spring-news", CampaignCounters.Complained));
    }

    // Rule: a transient bounce, a delay, a delivery, an open or a click change no subscription.
    [Theory]
    [InlineData("delivery-delay")]
    [InlineData("delivery")]
    [InlineData("open")]
    [InlineData("click")]
    [InlineData("send")]
    public async Task HandleAsync_NonSuppressingEvent_ChangesNoSubscription(string sample)
    {
        var report = await Create().HandleAsync(SesSamples.Wrap(SesSamples.Tagged(sample)), new TestLambdaContext());

        Assert.Equal(1, report.Recorded);
        Assert.Equal(0, report.OptedOut);
        Assert.DoesNotContain(_harness.Audit.Rows, r => r.Action == AuditAction.Unsubscribe);
    }

    // Rule: SNS redelivering the same event changes nothing the second time: no second audit row, stored and counted once.
    [Fact]
    public async Task HandleAsync_RedeliveredEvent_IsADuplicateStoredAndCountedOnce()
    {
        var sut = Create();
        var bounce = SesSamples.Tagged("bounce");

        await sut.HandleAsync(SesSamples.Wrap(bounce), new TestLambdaContext());
        var again = await sut.HandleAsync(SesSamples.Wrap(bounce, bounce), new TestLambdaContext());

        Assert.Equal(new SesEventsReport(2, 0, 2, 0, 0), again);
        Assert.Single(_harness.Audit.Rows, r => r.Action == AuditAction.Unsubscribe);
        Assert.Single(_events.Events);
        Assert.Equal(1, _events.Total("spring-news", CampaignCounters.Bounced));
    }

    // Rule: opens and clicks count every one in opens/clicks and each recipient once in opened/clicked.
    [Fact]
    public async Task HandleAsync_TwoOpensBySameRecipient_CountsTwoOpensOneOpened()
    {
        var first = SesSamples.Tagged("open");
        var second = SesSamples.Tagged("open", change: root => root["open"]!["timestamp"] = "2017-08-10T09:00:00.000Z");

        await Create().HandleAsync(SesSamples.Wrap(first, second), new TestLambdaContext());

        Assert.Equal(2, _events.Total("spring-news", CampaignCounters.Opens));
        Assert.Equal(1, _events.Total("spring-news", CampaignCounters.Opened));
    }

    // Rule: a Subscription event (SES list management already changed the contact) lands in the audit trail with source ses-event.
    [Fact]
    public async Task HandleAsync_SubscriptionUnsubscribeAll_IsReflectedInTheAuditTrail()
    {
        var report = await Create().HandleAsync(SesSamples.Wrap(SesSamples.Tagged("subscription")), new TestLambdaContext());

        Assert.Equal(1, report.OptedOut);
        var row = _harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe);
        Assert.Equal(AuditSource.SesEvent, row.Context.Source);
        Assert.Equal("ses-list-management", row.Context.Detection!["reason"]);
        Assert.Equal("UnsubscribeHeader", row.Context.Detection!["source"]);
        Assert.True(_harness.Contacts[SesSamples.Recipient]!.UnsubscribeAll);
        Assert.Equal(1, _events.Total("spring-news", CampaignCounters.Unsubscribed));
    }

    // Rule: a malformed event is logged (reason, no content) and acknowledged, and the good records beside it are processed.
    [Fact]
    public async Task HandleAsync_MalformedBesideGood_AcknowledgesAndLogsWithoutContent()
    {
        var context = new TestLambdaContext();

        var report = await Create().HandleAsync(SesSamples.Wrap("{\"eventType\":\"Bounce\",\"mail\":{\"messageId\":\"m\",\"destination\":[\"leak@example.com\"]}", SesSamples.Tagged("delivery")), context);

        Assert.Equal(new SesEventsReport(2, 1, 0, 1, 0), report);
        Assert.Contains("not_json", context.TestLogger.Buffer, StringComparison.Ordinal);
        // Rule: no address in the log, only SES's message id and the reason.
        Assert.DoesNotContain("@example.com", context.TestLogger.Buffer, StringComparison.Ordinal);
    }

    // Rule: a transient failure throws so SNS (Lambda's async retries) delivers the event again; nothing is stored half.
    [Fact]
    public async Task HandleAsync_EventsTableDown_Throws()
    {
        _events.Down = true;

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => Create().HandleAsync(SesSamples.Wrap(SesSamples.Tagged("bounce")), new TestLambdaContext()));
        Assert.Empty(_events.Events);
    }

    // Rule: the event id is the same for every delivery of an event and differs between two events of one message.
    [Fact]
    public void EventIdOf_SameEventTwice_SameIdOtherEventOtherId()
    {
        var bounce = SesEventParser.Parse(SesSamples.Read("bounce")).Event!;
        var delivery = SesEventParser.Parse(SesSamples.Read("delivery")).Event!;

        Assert.Equal(SesEventFlow.EventIdOf(bounce, "h"), SesEventFlow.EventIdOf(SesEventParser.Parse(SesSamples.Read("bounce")).Event!, "h"));
        Assert.NotEqual(SesEventFlow.EventIdOf(bounce, "h"), SesEventFlow.EventIdOf(delivery, "h"));
        Assert.NotEqual(SesEventFlow.EventIdOf(bounce, "h"), SesEventFlow.EventIdOf(bounce, "other"));
    }

    // Rule: the flow's outcome names the kind when it stored the event and "duplicate" when every recipient was stored before.
    [Fact]
    public async Task RunAsync_FirstThenRepeatedDelivery_OutcomeNamesTheKindThenDuplicate()
    {
        var bounce = SesSamples.Tagged("bounce");

        var first = await Flow().RunAsync(bounce, "r-1", default);
        var second = await Flow().RunAsync(bounce, "r-2", default);

        Assert.Equal((SesEventStatus.Recorded, DeliveryEventKinds.Bounced, 1, 0, 1), (first.Status, first.Reason, first.Recorded, first.Duplicates, first.OptedOut));
        Assert.Equal((SesEventStatus.Duplicate, "duplicate", 0, 1, 0), (second.Status, second.Reason, second.Recorded, second.Duplicates, second.OptedOut));
    }

    // Rule: a delivery that another one stored between our check and our write is a duplicate, not a second record, and
    // its effect was applied under the same audit event id, so the trail still has one row.
    [Fact]
    public async Task RunAsync_StoredBetweenCheckAndWrite_IsADuplicateWithOneAuditRow()
    {
        var bounce = SesSamples.Tagged("bounce");
        await Flow().RunAsync(bounce, "r-1", default);

        var raced = await Flow(new CheckMisses(_events)).RunAsync(bounce, "r-2", default);

        Assert.Equal((SesEventStatus.Duplicate, 0, 1), (raced.Status, raced.Recorded, raced.Duplicates));
        Assert.Single(_events.Events);
        Assert.Single(_harness.Audit.Rows, r => r.Action == AuditAction.Unsubscribe);
    }

    // Rule: a Subscription event that leaves one topic and rejoins another is replayed topic by topic: an opt-out row per
    // topic left (event id suffixed with the topic) and one resubscribe row (suffix ":in"); with nothing rejoined, no resubscribe.
    [Fact]
    public async Task RunAsync_SubscriptionTopicChanges_ReplaysEachTopicWithItsOwnAuditRow()
    {
        await _harness.Contacts.CreateAsync(SesSamples.Recipient, [new(Topics.Outreach, SubscriptionStatus.OptOut), new(Topics.Financial, SubscriptionStatus.OptIn)], unsubscribeAll: false, default);
        var both = SesSamples.Subscription(
            """[{"topicName":"outreach","subscriptionStatus":"OptOut"},{"topicName":"financial","subscriptionStatus":"OptIn"}]""",
            """[{"topicName":"outreach","subscriptionStatus":"OptIn"},{"topicName":"financial","subscriptionStatus":"OptOut"}]""");
        var outOnly = SesSamples.Subscription(
            """[{"topicName":"outreach","subscriptionStatus":"OptOut"}]""",
            """[{"topicName":"outreach","subscriptionStatus":"OptIn"}]""",
            at: "2022-01-13T01:00:17.910Z");

        var replayed = await Flow().RunAsync(both, "r-1", default);
        var rows = _harness.Audit.Rows.ToList();
        var second = await Flow().RunAsync(outOnly, "r-2", default);

        Assert.Equal(1, replayed.OptedOut);
        Assert.Equal(["outreach"], rows.Single(r => r.Action == AuditAction.Unsubscribe && r.Context.EventId.EndsWith(":outreach", StringComparison.Ordinal)).Topics);
        Assert.Equal(["financial"], rows.Single(r => r.Action == AuditAction.Resubscribe && r.Context.EventId.EndsWith(":in", StringComparison.Ordinal)).Topics);
        Assert.Equal((SesEventStatus.Recorded, 1), (second.Status, second.OptedOut));
        Assert.Single(_harness.Audit.Rows, r => r.Action == AuditAction.Resubscribe);
        Assert.True(_harness.Contacts[SesSamples.Recipient]!.IsSubscribed(Topics.Financial));
    }

    // Rule: two events of one message at the same time differ by their feedback id (bounces, complaints) or their link
    // (clicks), so neither is taken for a redelivery of the other.
    [Fact]
    public void EventIdOf_SameTimeOtherFeedbackIdOrLink_OtherId()
    {
        var bounce = SesEventParser.Parse(SesSamples.Read("bounce")).Event!;
        var otherFeedback = SesEventParser.Parse(SesSamples.Tagged("bounce", change: root => root["bounce"]!["feedbackId"] = "another-feedback-id")).Event!;
        var click = SesEventParser.Parse(SesSamples.Read("click")).Event!;
        var otherLink = SesEventParser.Parse(SesSamples.Tagged("click", change: root => root["click"]!["link"] = "https://example.com/other")).Event!;

        Assert.NotEqual(SesEventFlow.EventIdOf(bounce, "h"), SesEventFlow.EventIdOf(otherFeedback, "h"));
        Assert.NotEqual(SesEventFlow.EventIdOf(click, "h"), SesEventFlow.EventIdOf(otherLink, "h"));
    }

    // The store as seen by a delivery racing another: the check finds nothing, the conditional write still refuses a second copy.
    private sealed class CheckMisses(IDeliveryEventStore inner) : IDeliveryEventStore
    {
        public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> TryRecordAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken) => inner.TryRecordAsync(deliveryEvent, cancellationToken);
    }
}
