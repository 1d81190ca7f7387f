using System.Text;
using System.Text.Json;
using CrmMail.LocalRuntime;
using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>Every function under functions/ as a real Native-AOT binary: clean publish, glibc, configuration failures at init.</summary>
[Trait("Category", "Integration")]
[Collection(UnsubscribeBinaryCollection.Name)]
public sealed class UnsubscribeBinaryTests(UnsubscribePublish publish)
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    [Fact]
    public Task Binary_MissingConfiguration_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(), "SES_CONTACT_LIST_NAME");

    [Fact]
    public Task Binary_MalformedConfirmationUrl_ReportsInitError()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment) { ["UNSUBSCRIBE_CONFIRMATION_URL"] = "javascript:alert(1)" }, "UNSUBSCRIBE_CONFIRMATION_URL");
}

[Trait("Category", "Integration")]
public sealed class AddContactBinaryTests(AddContactPublish publish) : IClassFixture<AddContactPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    [Fact]
    public Task Binary_MissingFirebaseProject_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, FunctionBinary.BaseEnvironment, "FIREBASE_PROJECT_ID");
}

internal static class FunctionBinary
{
    public static readonly IReadOnlyDictionary<string, string> BaseEnvironment = new Dictionary<string, string>
    {
        ["AWS_REGION"] = "us-east-1",
        ["SES_CONTACT_LIST_NAME"] = "dn-contacts",
        ["TOKEN_KEYS_TABLE"] = "token-keys",
        ["AUDIT_TABLE"] = "audit",
        ["CONTACT_LEASE_TABLE"] = "contact-leases",
        ["PII_HASH_KEY"] = Convert.ToBase64String(new byte[32]),
        ["UNSUBSCRIBE_CONFIRMATION_URL"] = "https://crm.example.com/unsubscribed",
    };

    public static async Task AssertInitErrorAsync(AotPublishFixture publish, IReadOnlyDictionary<string, string> environment, string variable)
    {
        await using var runtime = await LocalRuntimeApi.StartAsync();
        using var process = AotAssertions.Start(publish, runtime, environment);
        var report = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(exited.Token);

        Assert.Equal("ConfigurationException", report.ErrorType);
        Assert.Contains(variable, JsonDocument.Parse(report.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, process.ExitCode);
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}

[Trait("Category", "Integration")]
public sealed class SendMailBinaryTests(SendMailPublish publish) : IClassFixture<SendMailPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    [Fact]
    public Task Binary_MissingReportsBucket_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
            ["CLOUDFRONT_DOMAIN"] = "d111111abcdef8.cloudfront.net",
        }, "REPORTS_BUCKET");

    [Fact]
    public Task Binary_BadReportKeyTemplate_ReportsInitError()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
            ["CLOUDFRONT_DOMAIN"] = "d111111abcdef8.cloudfront.net",
            ["REPORT_KEY_TEMPLATE"] = "../{customId}.pdf",
        }, "REPORT_KEY_TEMPLATE");
}

[Trait("Category", "Integration")]
public sealed class MailtoUnsubscribeBinaryTests(MailtoUnsubscribePublish publish) : IClassFixture<MailtoUnsubscribePublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    [Fact]
    public Task Binary_MissingAuditTable_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment) { ["AUDIT_TABLE"] = " " }, "AUDIT_TABLE");

    [Fact]
    public async Task Binary_NotAReceivedNotification_IsAcknowledged()
    {
        await using var runtime = await CrmMail.LocalRuntime.LocalRuntimeApi.StartAsync();
        using var process = AotAssertions.Start(publish, runtime, FunctionBinary.BaseEnvironment);
        try
        {
            var sns = File.ReadAllText(CrmMail.Tests.Shared.TestPaths.Fixture("events", "sns-notification.aws-lambda-dotnet.json"));

            var result = await runtime.InvokeAsync(System.Text.Encoding.UTF8.GetBytes(sns), TimeSpan.FromSeconds(30));

            Assert.False(result.IsError, FunctionBinary.Text(result.Body));
            Assert.Equal("""{"records":1,"applied":0,"ignored":1}""", FunctionBinary.Text(result.Body));
        }
        finally
        {
            process.Kill();
        }
    }
}

[Trait("Category", "Integration")]
public sealed class MailgunWebhookBinaryTests(MailgunWebhookPublish publish) : IClassFixture<MailgunWebhookPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    [Fact]
    public Task Binary_MissingSigningKeySecret_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, FunctionBinary.BaseEnvironment, "MAILGUN_WEBHOOK_SIGNING_KEY_SECRET");
}

[Trait("Category", "Integration")]
public sealed class OutreachSendBinaryTests(OutreachSendPublish publish) : IClassFixture<OutreachSendPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: without its rate-limit table the function refuses to start (never an unlimited send route).
    [Fact]
    public Task Binary_MissingRateLimitTable_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
            ["FIREBASE_PROJECT_ID"] = "crm-example",
        }, "RATE_LIMIT_TABLE");
}

[Trait("Category", "Integration")]
public sealed class GalleryBinaryTests(GalleryPublish publish) : IClassFixture<GalleryPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: without its membership table the function refuses to start (no space is ever served unchecked).
    [Fact]
    public Task Binary_MissingMembershipTable_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["FIREBASE_PROJECT_ID"] = "crm-example",
            ["REPORTS_BUCKET"] = "reports",
            ["CLOUDFRONT_DOMAIN"] = "d111111abcdef8.cloudfront.net",
            ["CLOUDFRONT_PRIVATE_KEY_SECRET"] = "crm-mail/cloudfront-key",
        }, "SPACE_MEMBERS_TABLE");
}

[Trait("Category", "Integration")]
public sealed class SesEventsBinaryTests(SesEventsPublish publish) : IClassFixture<SesEventsPublish>
{
    private static readonly Dictionary<string, string> Environment = new(FunctionBinary.BaseEnvironment)
    {
        ["EVENTS_TABLE"] = "events",
        ["CAMPAIGN_STATS_TABLE"] = "campaign-stats",
    };

    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: without its counters table the function refuses to start (no event is stored uncounted).
    [Fact]
    public Task Binary_MissingStatsTable_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(Environment) { ["CAMPAIGN_STATS_TABLE"] = " " }, "CAMPAIGN_STATS_TABLE");

    // Rule: a notification that is no SES event is acknowledged (ignored), through the source-generated SNS and report serialisers.
    [Fact]
    public async Task Binary_NotAnSesEvent_IsAcknowledged()
    {
        await using var runtime = await CrmMail.LocalRuntime.LocalRuntimeApi.StartAsync();
        using var process = AotAssertions.Start(publish, runtime, Environment);
        try
        {
            var sns = File.ReadAllText(CrmMail.Tests.Shared.TestPaths.Fixture("events", "sns-notification.aws-lambda-dotnet.json"));

            var result = await runtime.InvokeAsync(System.Text.Encoding.UTF8.GetBytes(sns), TimeSpan.FromSeconds(30));

            Assert.False(result.IsError, FunctionBinary.Text(result.Body));
            Assert.Equal("""{"records":1,"recorded":0,"duplicates":0,"ignored":1,"optedOut":0}""", FunctionBinary.Text(result.Body));
        }
        finally
        {
            process.Kill();
        }
    }
}

[Trait("Category", "Integration")]
public sealed class CampaignPlannerBinaryTests(CampaignPlannerPublish publish) : IClassFixture<CampaignPlannerPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: without its campaign table the planner refuses to start.
    [Fact]
    public Task Binary_MissingCampaignsTable_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, FunctionBinary.BaseEnvironment, "CAMPAIGNS_TABLE");
}

[Trait("Category", "Integration")]
public sealed class CampaignSenderBinaryTests(CampaignSenderPublish publish) : IClassFixture<CampaignSenderPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: without its campaign table the sender refuses to start (no send without a claim).
    [Fact]
    public Task Binary_MissingCampaignsTable_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
        }, "CAMPAIGNS_TABLE");
}

[Trait("Category", "Integration")]
public sealed class CampaignsBinaryTests(CampaignsPublish publish) : IClassFixture<CampaignsPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: without its plan queue the campaign API refuses to start (no campaign stored that the planner never hears of).
    [Fact]
    public Task Binary_MissingPlanQueue_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["REPORTS_BUCKET"] = "dn-reports",
            ["CLOUDFRONT_DOMAIN"] = "d111111abcdef8.cloudfront.net",
            ["CLOUDFRONT_PRIVATE_KEY_SECRET"] = "cf-key",
            ["IDEMPOTENCY_TABLE"] = "idempotency",
            ["CAMPAIGNS_TABLE"] = "campaigns",
            ["CAMPAIGN_BUCKET"] = "dn-campaigns",
            ["CAMPAIGN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/123456789012/campaigns",
        }, "CAMPAIGN_PLAN_QUEUE_URL");
}

/// <summary>The AOT suite knows every function: each project under functions/ has a publish fixture here.</summary>
public sealed class FunctionCoverageTests
{
    // Rule: a new function cannot ship without its Native-AOT publish being tested (zero warnings, glibc, init errors).
    [Fact]
    public void EveryFunctionProject_HasAnAotPublishFixture()
    {
        var sources = string.Concat(Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "tests", "CrmMail.Aot.Tests"), "*.cs").Select(File.ReadAllText));
        var projects = Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "functions"))
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(TestPaths.RepositoryRoot, "functions", name!, name + ".csproj")))
            .ToList();

        Assert.NotEmpty(projects);
        var missing = projects.Where(name => !sources.Contains($"AotPublishFixture(\"functions/{name}/{name}.csproj\")", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "No AOT publish fixture for: " + string.Join(", ", missing));
    }
}

[Trait("Category", "Integration")]
public sealed class OutreachStatsBinaryTests(OutreachStatsPublish publish) : IClassFixture<OutreachStatsPublish>
{
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: without the counters table the function refuses to start (it has nothing to answer from).
    [Fact]
    public Task Binary_MissingCampaignStatsTable_ReportsInitErrorNamingTheVariable()
        => FunctionBinary.AssertInitErrorAsync(publish, new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["FIREBASE_PROJECT_ID"] = "crm-example",
            ["RATE_LIMIT_TABLE"] = "rate-limits",
            ["EVENTS_TABLE"] = "events",
        }, "CAMPAIGN_STATS_TABLE");
}
