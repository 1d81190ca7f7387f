using System.Text.Json;
using CrmMail.Routes;
using CrmMail.Settings;

namespace CrmMail.Infra.Tests;

/// <summary>
/// Each function's environment in the synthesized template against the variable catalogue: every
/// variable it requires is set, none it does not read is, and every setting a platform engineer
/// may need is reachable from CDK context, validated at synth with the function's own rule.
/// </summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class FunctionEnvironmentTests(StackFixture fixture)
{
    private static readonly string[] AllFunctions = [FunctionNames.SendMail, FunctionNames.Unsubscribe, FunctionNames.AddContact, FunctionNames.MailtoUnsubscribe, FunctionNames.MailgunWebhook, FunctionNames.OutreachSend, FunctionNames.Gallery, FunctionNames.SesEvents, FunctionNames.OutreachStats, FunctionNames.CampaignPlanner, FunctionNames.CampaignSender, FunctionNames.Campaigns];

    public static TheoryData<string> Functions => [.. AllFunctions];

    // Rule: the stack sets every variable the function requires and every context-reachable one, and none outside its catalogue entry or only local runs use.
    [Theory]
    [MemberData(nameof(Functions))]
    public void Environment_SetsWhatTheFunctionReadsAndNothingElse(string function)
    {
        var set = TemplateJson.Load(fixture.TemplatePath).Environment(function).Keys.ToHashSet(StringComparer.Ordinal);
        var reads = Catalogue.For(function);
        var ses = reads.Where(s => s.When is null || s.When.Setting.Default == s.When.Value).ToList();

        Assert.DoesNotContain(set, name => !reads.Any(s => s.Name == name && s.Source is SettingSource.Stack or SettingSource.Context));
        Assert.Empty(ses.Where(s => s.Required && !set.Contains(s.Name)).Select(s => s.Name));
        Assert.Empty(ses.Where(s => s.Source == SettingSource.Context && !set.Contains(s.Name)).Select(s => s.Name));
        // MAILGUN_* only with the Mailgun transport.
        Assert.Empty(reads.Where(s => s.When is { } when && when.Setting.Default != when.Value && set.Contains(s.Name)).Select(s => s.Name));
    }

    // Rule: every context-reachable setting reaches each function that reads it, with the value
    // given (normalized by the function's rule), and the Mailgun transport's variables with it.
    [Fact]
    public void Context_ReachesEveryFunctionThatReadsTheSetting()
    {
        var given = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mailTransport"] = "mailgun",
            ["mailgunDomain"] = "mg.example.com",
            ["mailgunRegion"] = "EU",
            ["listUnsubscribeOwner"] = "ses",
            ["unsubscribeTokenMaxAgeDays"] = "45",
            ["unsubscribeMailbox"] = "Leave@Mail.Example.com",
            ["sendMailMaxRecipients"] = "20",
            ["sendMailMaxBodyBytes"] = "2048",
            ["sendMailMaxReports"] = "5",
            ["sendMailConcurrency"] = "4",
            ["reportKeyTemplate"] = "reports/{year}/{customId}.pdf",
            ["cloudFrontHashAlgorithm"] = "sha256",
            ["signedUrlTtlDays"] = "10",
            ["unsubscribeGetMode"] = "confirm",
            ["confirmationUrl"] = "https://crm.example.com/bye",
            ["firebaseProjectId"] = "other-project",
            ["corsOrigins"] = "https://a.example.com,https://b.example.com",
            ["mailtoMaxContentBytes"] = "4096",
            ["mailgunWebhookMaxAgeSeconds"] = "120",
            ["outreachSendRateLimit"] = "10",
            ["outreachRequiredClaim"] = "role=outreach",
            ["outreachDefaultFrom"] = "Outreach@Example.com",
            ["outreachMaxRecipients"] = "7",
            ["galleryUrlTtlSeconds"] = "600",
            ["galleryPageSize"] = "50",
            ["galleryUploadMaxBytes"] = "2048",
            ["galleryUploadTypes"] = "image/png,image/webp",
            ["galleryUploadUrlTtlSeconds"] = "120",
            ["campaignBatchSize"] = "25",
            ["campaignRetentionDays"] = "30",
            ["sesMaxSendRate"] = "50",
            ["campaignSenderMaxConcurrency"] = "5",
            ["campaignSendConcurrency"] = "8",
            ["outreachStatsRateLimit"] = "20",
            ["campaignMaxRecipients"] = "2000",
            ["campaignListMaxRecipients"] = "50000",
        };
        // Every context key of the catalogue is exercised (apiBaseUrl by the stack's URL test).
        Assert.Empty(Catalogue.All.Where(s => s.ContextKey is { } key && s.Source == SettingSource.Context && !given.ContainsKey(key)).Select(s => s.ContextKey));

        var synthesized = StackFixture.Synthesize(given, "CrmMailContext");
        var template = TemplateJson.Load(synthesized.TemplatePath);
        var failures = new List<string>();
        foreach (var function in AllFunctions)
        {
            var environment = template.Environment(function);
            foreach (var setting in Catalogue.For(function).Where(s => s.Source == SettingSource.Context))
            {
                Assert.True(setting.Rule.TryCheck((string)given[setting.ContextKey!], out var expected), expected);
                if (!environment.TryGetValue(setting.Name, out var actual) || actual.ValueKind != JsonValueKind.String || actual.GetString() != expected)
                {
                    failures.Add($"{function}: {setting.Name} should be '{expected}' from context '{setting.ContextKey}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Contains(Catalogue.MailgunApiKeySecret.Name, template.Environment(FunctionNames.SendMail).Keys);
    }

    // Rule: a bad value for any context-reachable function setting is a one-line error at synth naming the key, by the function's own rule.
    [Fact]
    public void BadContextValue_ForEveryCheckedSetting_IsAOneLineErrorNamingTheKey()
    {
        var checkedSettings = Catalogue.All.Where(s => s.ContextKey is not null && s.Rule.Kind != SettingKind.Text).ToList();
        Assert.NotEmpty(checkedSettings);
        foreach (var setting in checkedSettings)
        {
            var bad = setting.Rule.Kind switch
            {
                SettingKind.Integer => (setting.Rule.Max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                SettingKind.OneOf => "bogus",
                SettingKind.HttpsUrl or SettingKind.HttpsBaseUrl => "http://crm.example.com/x",
                SettingKind.Mailbox => "leave-at-example.com",
                SettingKind.Origins => "crm.example.com/path",
                SettingKind.ReportKeyTemplate => "../{customId}.pdf",
                SettingKind.Claim => "role",
                var kind => throw new InvalidOperationException($"{setting.Name}: give the test a bad {kind} value."),
            };
            var context = StackFixture.Context(new Dictionary<string, object> { [setting.ContextKey!] = bad, ["mailTransport"] = "mailgun", ["mailgunDomain"] = "mg.example.com" });
            if (setting.ContextKey == "mailTransport")
            {
                context["mailTransport"] = bad;
            }

            var error = Assert.ThrowsAny<ArgumentException>(() => StackSettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = context }).Node));
            Assert.Contains("'" + setting.ContextKey + "'", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
    }
}
