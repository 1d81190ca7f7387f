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

    private SesEventsHandler Create() => new(new SesEventFlow(_events, _harness.Services.Subscriptions, _harness.Services.Hasher));

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
        Assert.StartsWith("ses-event:ses:", row.Context.EventId, StringComparison.Ordinal);
        var stored = Assert.Single(_events.Events.Values);
        Assert.Equal(("ses", DeliveryEventKinds.Bounced, "spring-news", "outreach"), (stored.Provider, stored.Kind, stored.Campaign, stored.Stream));
        Assert.Equal(_harness.Services.Hasher.Hash(SesSamples.Recipient), stored.RecipientHash);
        Assert.Equal("smtp; 550 5.1.1 user unknown", stored.Details["diagnosticCode"]);
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
}
