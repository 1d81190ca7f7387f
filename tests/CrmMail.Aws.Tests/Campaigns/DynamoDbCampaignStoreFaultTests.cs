using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using CrmMail.Aws.Campaigns;
using CrmMail.Campaigns;

namespace CrmMail.Aws.Tests.Campaigns;

/// <summary>The campaign store through the real DynamoDB client over scripted DynamoDB answers (interleavings moto cannot produce on demand).</summary>
public sealed class DynamoDbCampaignStoreFaultTests
{
    // Rule: when the claim's put fails because another delivery held the row, and that delivery
    // released it before our read, the recipient is retried later, never taken as done (lost).
    [Fact]
    public async Task ClaimAsync_RowReleasedBeforeTheRead_IsInFlightNotDone()
    {
        var sut = Create(target => target switch
        {
            "DynamoDB_20120810.PutItem" => Answer(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"""),
            "DynamoDB_20120810.GetItem" => Answer(HttpStatusCode.OK, "{}"),
            _ => Answer(HttpStatusCode.BadRequest, """{"__type":"com.amazon.coral.validate#ValidationException","message":"unexpected"}"""),
        });

        var result = await sut.ClaimAsync("c1", 0, "attempt-2", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), TimeSpan.FromMinutes(1), default);

        Assert.Equal(ClaimResult.InFlight, result);
    }

    // Rule: a record cancelled because another sender's transaction held the campaign item is
    // tried again (the record is conditional, so safe to repeat), not reported as an outage that
    // would leave a sent message unrecorded.
    [Fact]
    public async Task RecordAsync_TransactionConflict_IsTriedAgainAndRecords()
    {
        var transactions = 0;
        var sut = Create(target => target switch
        {
            "DynamoDB_20120810.TransactWriteItems" when Interlocked.Increment(ref transactions) <= 2 => Answer(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]","CancellationReasons":[{"Code":"None"},{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"}]}"""),
            "DynamoDB_20120810.TransactWriteItems" => Answer(HttpStatusCode.OK, "{}"),
            _ => Answer(HttpStatusCode.BadRequest, """{"__type":"com.amazon.coral.validate#ValidationException","message":"unexpected"}"""),
        });

        var recorded = await sut.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Sent, "ses-1"), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), default);

        Assert.True(recorded);
        Assert.Equal(3, transactions);
    }

    // Rule: a record whose row already has a result (the condition failed) is not counted again and is not an error.
    [Fact]
    public async Task RecordAsync_AlreadyRecorded_IsFalse()
    {
        var sut = Create(_ => Answer(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]","CancellationReasons":[{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},{"Code":"None"}]}"""));

        Assert.False(await sut.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Sent, "ses-1"), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), default));
    }

    private static DynamoDbCampaignStore Create(Func<string, HttpResponseMessage> answer)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = "http://127.0.0.1:9",
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            HttpClientFactory = new HandlerFactory(new ScriptedHandler(answer)),
        };
        return new DynamoDbCampaignStore(new AmazonDynamoDBClient(new BasicAWSCredentials("AKID", "secret"), config), "campaigns", TimeSpan.FromDays(30), TimeProvider.System);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.0") };

    private sealed class ScriptedHandler(Func<string, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(answer(request.Headers.GetValues("X-Amz-Target").Single()));
    }

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
