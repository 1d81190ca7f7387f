namespace CrmMail.Infra.Tests;

/// <summary>
/// What holds state keeps its logical id: CloudFormation replaces a resource whose logical id
/// changes, and for these a replacement loses data (opt-outs, audit, token keys, dead letters),
/// breaks every link already sent (distribution, REST API, public keys) or the CRM's API key.
/// </summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class StatefulLogicalIdTests(StackFixture fixture)
{
    // Refactoring the stack (constructs, props) may rename functions, roles and alarms, never these.
    // A new stateful resource is added here, with its id, when it is introduced.
    private static readonly Dictionary<string, string[]> Pinned = new(StringComparer.Ordinal)
    {
        ["AWS::KMS::Key"] = ["SecretsKey317DCF94", "StateUnsubscribeKeyC94368C9"],
        ["AWS::KMS::Alias"] = ["StateUnsubscribeKeyAlias055C7CC1"],
        ["AWS::S3::Bucket"] = ["Reports33416250", "ReportsAccessLogsE462890F", "CampaignsBucket94CCEF86"],
        ["AWS::DynamoDB::Table"] = ["StateAudit72B3E683", "StateContactLeases344CA58C", "StateEvents725B5735", "StateIdempotency06E65588", "StateRateLimits9B37D646", "StateTokenKeys5CF0E2BD", "SpacesSpaceMembersFB2041C7", "StateCampaignStatsF81C9E81", "CampaignsTable1934312B"],
        ["AWS::SES::ContactList"] = ["StateContactList59A1BB49"],
        ["AWS::SecretsManager::Secret"] = ["MailgunApiKey0FED5421", "MailgunWebhookSigningKeyEF1ACB22", "ReportsCloudFrontPrivateKeyB0210AB2", "StatePiiHashKey5FE012ED"],
        ["AWS::CloudFront::Distribution"] = ["ReportsDistributionCE9D5F8E"],
        ["AWS::CloudFront::PublicKey"] = ["ReportsPublicKeyexample202611DC373F11"],
        ["AWS::CloudFront::KeyGroup"] = ["ReportsKeyGroup87C117DB"],
        ["AWS::ApiGateway::RestApi"] = ["ApiF70053CD"],
        ["AWS::ApiGateway::ApiKey"] = ["ApiCrmApiKeyAE657C34"],
        ["AWS::ApiGateway::UsagePlan"] = ["ApiUsagePlanDBBE8AB1"],
        ["AWS::SQS::Queue"] = ["MailtoDeadLetters0FD32EDA", "SesEventsDeadLetters0B4438CC", "CampaignsCampaignQueue1ADE5850", "CampaignsCampaignDeadLetters8EBFA228", "CampaignsPlanQueueEC2A97CF", "CampaignsPlanDeadLettersC9CB50F1"],
        ["AWS::SNS::Topic"] = ["AlarmTopicD01E77F9", "InboundMailDA244C94", "SesEventPublishingTopic3542F1ED"],
        ["AWS::Logs::LogGroup"] = ["AddContactLogs5B8496E7", "ApiAccessLogsE9DF007D", "GalleryLogs8A70D450", "MailgunWebhookLogsBB2660BC", "MailtoUnsubscribeLogsC9D1DA63", "OutreachSendLogs54C36FA0", "OutreachStatsLogsF011F856", "SendMailLogs09783567", "UnsubscribeLogs062AC566", "SesEventsLogsC87499F6", "CampaignPlannerLogs1640914F", "CampaignSenderLogs3461B6A9", "CampaignApiLogs21E941BB"],
        ["AWS::SES::ReceiptRuleSet"] = ["ReceiptRules259D9F96"],
        ["AWS::SES::ConfigurationSet"] = ["SesEventPublishingTrackedB43F7155", "SesEventPublishingUntrackedDA7A04AD"],
    };

    // Rule: every stateful resource of the default stack has exactly its pinned logical id (none renamed, none added unpinned).
    [Fact]
    public void StatefulResources_KeepTheirLogicalIds()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        var failures = new List<string>();
        foreach (var (type, expected) in Pinned)
        {
            var actual = template.OfType(type).Select(r => r.Id).Order(StringComparer.Ordinal).ToArray();
            if (!actual.SequenceEqual(expected.Order(StringComparer.Ordinal)))
            {
                failures.Add($"{type}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
