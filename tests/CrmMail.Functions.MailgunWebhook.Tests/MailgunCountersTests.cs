using CrmMail.Inbound.Events;
using CrmMail.Inbound.Mailgun;

namespace CrmMail.Functions.MailgunWebhook.Tests;

public class MailgunCountersTests
{
    private static readonly string[] OutreachTags = ["spring-news", "outreach", "stream:outreach"];
    private readonly WebhookHarness _sut = new();

    // Rule: Mailgun's events feed the same per-campaign counters as SES's; the campaign is the first tag that is no stream marker.
    [Fact]
    public async Task Webhook_DeliveredEvent_AddsToItsCampaignsDeliveredCounter()
    {
        await _sut.PostAsync(_sut.Json("delivered", "evt-d1", tags: OutreachTags));

        Assert.Equal(1, _sut.Counters.Total("spring-news", CampaignCounters.Delivered));
    }

    // Rule: an event id processed before is not counted again.
    [Fact]
    public async Task Webhook_SameEventIdTwice_CountedOnce()
    {
        await _sut.PostAsync(_sut.Json("delivered", "evt-d2", tags: OutreachTags));
        await _sut.PostAsync(_sut.Json("delivered", "evt-d2", tags: OutreachTags));

        Assert.Equal(1, _sut.Counters.Total("spring-news", CampaignCounters.Delivered));
    }

    // Rule: every open counts in opens, each recipient once in opened.
    [Fact]
    public async Task Webhook_TwoOpensOfOneRecipient_TwoOpensOneOpened()
    {
        await _sut.PostAsync(_sut.Json("opened", "evt-o1", tags: OutreachTags));
        await _sut.PostAsync(_sut.Json("opened", "evt-o2", tags: OutreachTags));

        Assert.Equal(2, _sut.Counters.Total("spring-news", CampaignCounters.Opens));
        Assert.Equal(1, _sut.Counters.Total("spring-news", CampaignCounters.Opened));
    }

    // Rule: a permanent failure is a bounce, one Mailgun did not try (suppress-*) a suppression, a temporary one only a delay.
    [Theory]
    [InlineData("failed", "permanent", null, DeliveryEventKinds.Bounced)]
    [InlineData("failed", "permanent", "suppress-bounce", DeliveryEventKinds.Suppressed)]
    [InlineData("failed", "temporary", null, DeliveryEventKinds.Delayed)]
    [InlineData("accepted", null, null, DeliveryEventKinds.Sent)]
    [InlineData("unsubscribed", null, null, DeliveryEventKinds.Unsubscribed)]
    [InlineData("stored", null, null, DeliveryEventKinds.Other)]
    public void KindOf_MailgunEvents_MapToTheSharedKinds(string type, string? severity, string? reason, string kind)
    {
        var mailgunEvent = new MailgunEvent("e", type, 1_800_000_000, "payee@example.com", severity, OutreachTags, "m@mg", null, null, reason);

        Assert.Equal(kind, MailgunDeliveryEvent.KindOf(mailgunEvent));
    }

    // Rule: the shared shape keeps the hash (never the address), the stream marker's topic and Mailgun's own event name.
    [Fact]
    public void From_MailgunEvent_KeepsHashStreamAndEventName()
    {
        var sut = MailgunDeliveryEvent.From(new MailgunEvent("e1", "complained", 1_800_000_000.5, "payee@example.com", null, OutreachTags, "m@mg", null, null), "hash1");

        Assert.Equal(("mailgun", "mailgun:e1", "spring-news", "outreach", "hash1"), (sut.Provider, sut.EventId, sut.Campaign, sut.Stream, sut.RecipientHash));
        Assert.Equal("complained", sut.Details["eventType"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_500), sut.At);
    }
}
