using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Lambda.SQSEvents;
using CrmMail.Lambda.TestUtilities;

namespace CrmMail.Functions.CampaignSender.Tests;

public sealed class CampaignSenderHandlerTests
{
    // Rule: the catalogue's documented defaults: SES's sandbox rate of 14/s split over the mapping's 2 instances, a 60 s claim timeout.
    [Fact]
    public void Load_Defaults_AreTheDocumentedOnes()
    {
        using var harness = new CampaignSenderHarness();

        Assert.Equal(14, harness.SenderSettings.SesMaxSendRate);
        Assert.Equal(2, harness.SenderSettings.MaxConcurrency);
        Assert.Equal(4, harness.SenderSettings.SendConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(60), harness.SenderSettings.ClaimTimeout);
    }

    // Rule: the partial batch response names exactly the messages to hand back: an unreadable body
    // (so the redrive policy ends it in the DLQ), while the readable batches are sent and acknowledged.
    [Fact]
    public async Task Sender_MixedMessages_HandsBackOnlyTheFailedOnes()
    {
        using var harness = new CampaignSenderHarness();
        await harness.CreateAsync("c1", ["a@example.com", "b@example.com", "c@example.com"]);
        await harness.Planner.RunAsync("c1", default);
        var body = JsonSerializer.Serialize(harness.Queued[0], CampaignJsonContext.Default.CampaignBatch);
        var sqsEvent = JsonSerializer.Deserialize(
            $$"""{"Records":[{"messageId":"m1","receiptHandle":"r1","body":{{JsonSerializer.Serialize(body)}},"attributes":{"ApproximateReceiveCount":"1"},"eventSource":"aws:sqs"},{"messageId":"m2","body":"not json"}]}""",
            CampaignSenderJsonContext.Default.SQSEvent)!;

        var response = await harness.Sender.HandleAsync(sqsEvent, new TestLambdaContext());

        Assert.Equal(["m2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(3, harness.Transport.Sent.Count);
        Assert.Equal(CampaignState.Completed, (await harness.Store.GetAsync("c1", default))!.State);
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m2"}]}""", JsonSerializer.Serialize(response, CampaignSenderJsonContext.Default.SQSBatchResponse));
    }

    // Rule: a redelivered message (the same body again) sends nobody twice through the handler.
    [Fact]
    public async Task Sender_SameMessageTwice_SendsOnce()
    {
        using var harness = new CampaignSenderHarness();
        await harness.CreateAsync("c1", ["a@example.com", "b@example.com"]);
        await harness.Planner.RunAsync("c1", default);
        var message = new SQSMessage { MessageId = "m1", Body = JsonSerializer.Serialize(harness.Queued[0], CampaignJsonContext.Default.CampaignBatch) };

        await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext { AwsRequestId = "inv-1" });
        var again = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext { AwsRequestId = "inv-2" });

        Assert.Empty(again.BatchItemFailures);
        Assert.Equal(2, harness.Transport.Sent.Count);
    }

    // Rule: a send the provider accepted but the table did not record is logged at once as "campaign send unrecorded"
    // with the campaign, the recipient's index and the provider's message id (as messageId, whichever the transport), and
    // never the address; the message goes back to the queue.
    [Fact]
    public async Task Sender_RecordLostAfterSend_LogsTheMessageIdWithoutTheAddress()
    {
        using var harness = new CampaignSenderHarness();
        await harness.CreateAsync("c1", ["casey@example.com"]);
        await harness.Planner.RunAsync("c1", default);
        harness.Store.FailRecords = 1;
        var message = new SQSMessage { MessageId = "m1", Body = JsonSerializer.Serialize(harness.Queued[0], CampaignJsonContext.Default.CampaignBatch) };
        var context = new TestLambdaContext();

        var response = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, context);

        Assert.Equal(["m1"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        var line = Assert.Single(context.TestLogger.Buffer.Split('\n'), l => l.Contains("campaign send unrecorded", StringComparison.Ordinal));
        Assert.Contains(" campaignId=c1 ", line, StringComparison.Ordinal);
        Assert.Contains(" recipientIndex=0 ", line, StringComparison.Ordinal);
        Assert.Matches(" messageId=\\S+$", line);
        Assert.DoesNotContain("casey", context.TestLogger.Buffer, StringComparison.OrdinalIgnoreCase);
    }

    // Rule: once the invocation's deadline has passed, messages not yet started are handed back untried.
    [Fact]
    public async Task Sender_DeadlinePassed_HandsBackEveryMessageUntried()
    {
        using var harness = new CampaignSenderHarness();
        await harness.CreateAsync("c1", ["a@example.com"]);
        await harness.Planner.RunAsync("c1", default);
        var message = new SQSMessage { MessageId = "m1", Body = JsonSerializer.Serialize(harness.Queued[0], CampaignJsonContext.Default.CampaignBatch) };

        var response = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext { RemainingTime = TimeSpan.Zero });

        Assert.Equal(["m1"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(harness.Transport.Sent);
    }
}
