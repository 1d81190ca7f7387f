using System.Net;
using System.Text;
using System.Text.Json;
using CrmMail.Inbound.Events;
using CrmMail.LocalSuite.Adapters;

namespace CrmMail.LocalSuite.Tests;

/// <summary>serve's SES event-publishing stand-in: each sent message's Delivery event, any record at /inbound/ses-event, and the message page's simulations, all through the SesEvents handler.</summary>
public sealed class SesEventServeTests : IAsyncLifetime
{
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync() => _suite = await SuiteHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
    }

    private IReadOnlyDictionary<string, long> Counters(string campaign) => new FileDeliveryEvents(_suite.Suite.Data.State).Counters(campaign, CampaignCounters.Day(_suite.Time.GetUtcNow()));

    // Rule: serve produces a Delivery event for each outbox message through SesEvents, counted under the message's campaign tag.
    [Fact]
    public async Task SendMail_EachOutboxMessage_IsDeliveredThroughSesEventsAndCounted()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();

        Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox));
        Assert.Equal(1, Counters("monthly").GetValueOrDefault(CampaignCounters.Delivered));
    }

    // Rule: a message page's bounce button goes through the real SesEvents path: the recipient is opted out of everything with a ses-event audit row.
    [Fact]
    public async Task OutboxBounceButton_PermanentBounce_OptsTheRecipientOutWithAnAuditRow()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));
        Assert.Contains("id=\"ses-bounce\"", await _suite.PageAsync("outbox/" + id), StringComparison.Ordinal);

        using var response = await _suite.Http.PostAsync($"outbox/{id}/ses-event/bounce", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/outbox/{id}?sesEvent=bounce&recorded=1", response.Headers.Location!.OriginalString);
        var audit = await File.ReadAllTextAsync(Path.Combine(_suite.Suite.Data.State, "audit.jsonl"));
        Assert.Contains("\"source\":\"SesEvent\"", audit, StringComparison.Ordinal);
        Assert.Equal(1, Counters("monthly").GetValueOrDefault(CampaignCounters.Bounced));
    }

    // Rule: POST /inbound/ses-event delivers any SES record through SNS to SesEvents and answers the function's report; a redelivery is a duplicate.
    [Fact]
    public async Task InboundSesEvent_AnyRecord_AnswersTheReport()
    {
        var record = "{\"eventType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"payee@example.com\"}],\"timestamp\":\"2026-11-30T10:00:00.000Z\",\"feedbackId\":\"f-1\",\"complaintFeedbackType\":\"abuse\"},"
            + "\"mail\":{\"timestamp\":\"2026-11-30T09:00:00.000Z\",\"messageId\":\"m-1\",\"destination\":[\"payee@example.com\"],\"tags\":{\"campaign\":[\"spring\"]}}}";

        using var first = await _suite.Http.PostAsync("inbound/ses-event", new StringContent(record, Encoding.UTF8, "application/json"));
        using var again = await _suite.Http.PostAsync("inbound/ses-event", new StringContent(record, Encoding.UTF8, "application/json"));
        using var malformed = await _suite.Http.PostAsync("inbound/ses-event", new StringContent("{nope", Encoding.UTF8, "application/json"));

        Assert.Equal("{\"records\":1,\"recorded\":1,\"duplicates\":0,\"ignored\":0,\"optedOut\":1}", await first.Content.ReadAsStringAsync());
        Assert.Equal("{\"records\":1,\"recorded\":0,\"duplicates\":1,\"ignored\":0,\"optedOut\":0}", await again.Content.ReadAsStringAsync());
        Assert.Equal("{\"records\":1,\"recorded\":0,\"duplicates\":0,\"ignored\":1,\"optedOut\":0}", await malformed.Content.ReadAsStringAsync());
    }

    // Rule: an empty body is 400 with the error body naming the field.
    [Fact]
    public async Task InboundSesEvent_EmptyBody_Is400()
    {
        using var response = await _suite.Http.PostAsync("inbound/ses-event", new StringContent(string.Empty));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bad_request", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
