using System.Net;
using System.Text.Json;
using CrmMail.Tests.Shared;

namespace CrmMail.LocalSuite.Tests;

/// <summary>
/// <c>serve --aws-endpoint URL --provision</c> against moto_server: the same functions over the
/// real AWS adapters (KMS, DynamoDB, SES v2, S3), with the stack's resources created at start.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AwsEndpointSuiteTests : IAsyncLifetime
{
    private MotoServer _moto = null!;
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync()
    {
        // The SDK's default chain and our SigV4 source read these, as in Lambda.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        _moto = await MotoServer.StartAsync();
        _suite = await SuiteHarness.StartAsync(awsEndpoint: _moto.Url);
    }

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
        await _moto.DisposeAsync();
    }

    [Fact]
    public async Task Provisioning_CreatesWhatTheStackWould_AndIsSafeToRepeat()
    {
        var (code, stdout, stderr) = await _moto.Boto3Async("dynamodb", "print(json.dumps(sorted(c.list_tables()['TableNames'])))");
        Assert.True(code == 0, stderr);
        Assert.Equal(["crm-mail-local-audit", "crm-mail-local-campaign-stats", "crm-mail-local-campaigns", "crm-mail-local-contact-leases", "crm-mail-local-events", "crm-mail-local-idempotency", "crm-mail-local-rate-limits", "crm-mail-local-space-members", "crm-mail-local-token-keys"], JsonSerializer.Deserialize<string[]>(stdout)!);
        (code, stdout, stderr) = await _moto.Boto3Async("s3", "print(json.dumps(sorted(o['Key'] for o in c.list_objects_v2(Bucket='crm-mail-local-reports')['Contents'])))");
        Assert.True(code == 0, stderr);
        Assert.Equal(["2026/10/ACME-001.pdf", "2026/10/ACME-002.pdf"], JsonSerializer.Deserialize<string[]>(stdout)!);

        // A second start over the same endpoint finds everything in place.
        await using var again = await SuiteHarness.StartAsync(awsEndpoint: _moto.Url);
        Assert.Contains("AWS adapters at " + _moto.Url, again.Suite.Describe(), StringComparison.Ordinal);
        again.DeleteData();
    }

    [Fact]
    public async Task SendMail_ThroughSesWithReportsFromS3_ThenUnsubscribe_ChangesTheSesContactAndAuditsInDynamoDb()
    {
        using var response = await _suite.SendMailAsync(SuiteHarness.FinancialRequest());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains("\"status\":\"sent\"", text, StringComparison.Ordinal);

        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));
        var page = await _suite.PageAsync("outbox/" + id);
        var report = WebUtility.HtmlDecode(SuiteHarness.MessageLink().Match(page).Groups[1].Value);
        using (var download = await _suite.Http.GetAsync(report))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        }

        var unsubscribe = WebUtility.HtmlDecode(SuiteHarness.UnsubscribeLink().Match(page).Groups[1].Value);

        // moto 5.2 has no UpdateContact (a 500); with the contact gone, unsubscribe creates it
        // opted out, which moto does serve. The update path is covered against fakes and botocore's shapes.
        var (deleted, _, deleteError) = await _moto.Boto3Async("sesv2", "c.delete_contact(ContactListName='crm-mail-local', EmailAddress='payee@example.com')");
        Assert.True(deleted == 0, deleteError);
        using var redirect = await _suite.Http.GetAsync(unsubscribe);
        Assert.True(redirect.Headers.Location!.Query == "?status=unsubscribed&topic=financial", _suite.Log.ToString());

        var (code, stdout, stderr) = await _moto.Boto3Async("sesv2", "print(json.dumps(c.get_contact(ContactListName='crm-mail-local', EmailAddress='payee@example.com')['TopicPreferences']))");
        Assert.True(code == 0, stderr);
        Assert.Contains("\"SubscriptionStatus\": \"OPT_OUT\"", stdout, StringComparison.Ordinal);
        var contacts = await _suite.PageAsync("contacts");
        Assert.Contains("payee@example.com", contacts, StringComparison.Ordinal);
        (code, stdout, stderr) = await _moto.Boto3Async("dynamodb", "print(json.dumps([i['action']['S'] for i in c.scan(TableName='crm-mail-local-audit')['Items'] if 'action' in i]))");
        Assert.True(code == 0, stderr);
        Assert.Contains("unsubscribe", stdout, StringComparison.OrdinalIgnoreCase);
    }

    // Rule: over the AWS adapters the stats page reads the counters through the byDay index serve provisioned, as the stack declares it.
    [Fact]
    public async Task StatsPage_AfterASend_ReadsTheCountersThroughTheProvisionedDayIndex()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();

        var page = await _suite.PageAsync("stats");

        Assert.Contains("<h3>monthly</h3>", page, StringComparison.Ordinal);
        var (code, stdout, stderr) = await _moto.Boto3Async("dynamodb", "print(json.dumps(sorted(i['IndexName'] for i in c.describe_table(TableName='crm-mail-local-events')['Table']['GlobalSecondaryIndexes'])))");
        Assert.True(code == 0, stderr);
        Assert.Equal(["byDay", "byMessage", "byRecipient"], JsonSerializer.Deserialize<string[]>(stdout)!);
    }
}
