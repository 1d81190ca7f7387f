using CrmMail.Functions.AddContact;
using CrmMail.Functions.CampaignPlanner;
using CrmMail.Functions.Campaigns;
using CrmMail.Functions.CampaignSender;
using CrmMail.Functions.Gallery;
using CrmMail.Functions.MailgunWebhook;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Functions.SesEvents;
using CrmMail.Functions.SendMail;
using CrmMail.Functions.Unsubscribe;
using CrmMail.Lambda.Core;
using CrmMail.Routes;
using CrmMail.Settings;

namespace CrmMail.LocalSuite.Tests;

/// <summary>
/// Each function's XSettings.Load reads exactly its catalogue entry: the reader refuses a
/// variable outside it, and this proves the entry lists nothing the function never reads, so the
/// stack, which sets the entry, sets nothing a function does not read.
/// </summary>
public sealed class CatalogueReadTests
{
    private static readonly Dictionary<string, string> Full = new(StringComparer.Ordinal)
    {
        [Catalogue.AwsRegion.Name] = "eu-west-1",
        [Catalogue.AwsEndpointUrl.Name] = "http://127.0.0.1:5000/",
        [Catalogue.SesContactListName.Name] = "dn-contacts",
        [Catalogue.TokenKeysTable.Name] = "token-keys",
        [Catalogue.AuditTable.Name] = "audit",
        [Catalogue.ContactLeaseTable.Name] = "leases",
        [Catalogue.PiiHashKeySecret.Name] = "pii",
        [Catalogue.UnsubscribeBaseUrl.Name] = "https://api.example.com/prod",
        [Catalogue.UnsubscribeMailbox.Name] = "unsubscribe@mail.example.com",
        [Catalogue.ReportsBucket.Name] = "reports",
        [Catalogue.CloudFrontDomain.Name] = "d111111abcdef8.cloudfront.net",
        [Catalogue.CloudFrontPrivateKeySecret.Name] = "cloudfront-key",
        [Catalogue.IdempotencyTable.Name] = "idempotency",
        [Catalogue.MailTransport.Name] = "mailgun",
        [Catalogue.MailgunDomain.Name] = "mg.example.com",
        [Catalogue.MailgunApiKeySecret.Name] = "mailgun-key",
        [Catalogue.UnsubscribeConfirmationUrl.Name] = "https://crm.example.com/bye",
        [Catalogue.FirebaseProjectId.Name] = "dn-crm",
        [Catalogue.MailgunWebhookSigningKeySecret.Name] = "webhook-key",
        [Catalogue.EventsTable.Name] = "events",
        [Catalogue.SpaceMembersTable.Name] = "space-members",
        [Catalogue.CampaignStatsTable.Name] = "campaign-stats",
        [Catalogue.CampaignsTable.Name] = "campaigns",
        [Catalogue.CampaignBucket.Name] = "dn-campaigns",
        [Catalogue.CampaignQueueUrl.Name] = "https://sqs.eu-west-1.amazonaws.com/123456789012/campaigns",
        [Catalogue.CampaignPlanQueueUrl.Name] = "https://sqs.eu-west-1.amazonaws.com/123456789012/campaign-plans",
    };

    // The inline-key, default-region branch: the variables the first run skips.
    private static readonly Dictionary<string, string> Local = new(Full.Where(p => p.Key != Catalogue.PiiHashKeySecret.Name && p.Key != Catalogue.AwsRegion.Name), StringComparer.Ordinal)
    {
        [Catalogue.PiiHashKey.Name] = Convert.ToBase64String(new byte[32]),
    };

    public static TheoryData<string> Functions => [FunctionNames.SendMail, FunctionNames.Unsubscribe, FunctionNames.AddContact, FunctionNames.MailtoUnsubscribe, FunctionNames.MailgunWebhook, FunctionNames.Gallery, FunctionNames.SesEvents, FunctionNames.CampaignPlanner, FunctionNames.CampaignSender, FunctionNames.Campaigns];

    // Rule: over both branches (secret or inline key, AWS_REGION or its fallback; Mailgun transport), a function's Load asks for every variable of its catalogue entry.
    [Theory]
    [MemberData(nameof(Functions))]
    public void Load_ReadsExactlyItsCatalogueEntry(string function)
    {
        var read = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var values in new[] { Full, Local })
        {
            var environment = new Recording(values, read);
            _ = function switch
            {
                FunctionNames.SendMail => (object)SendMailSettings.Load(environment),
                FunctionNames.Unsubscribe => UnsubscribeSettings.Load(environment),
                FunctionNames.AddContact => AddContactSettings.Load(environment),
                FunctionNames.MailtoUnsubscribe => MailtoSettings.Load(environment),
                FunctionNames.Gallery => GallerySettings.Load(environment),
                FunctionNames.SesEvents => SesEventsSettings.Load(environment),
                FunctionNames.CampaignPlanner => CampaignPlannerSettings.Load(environment),
                FunctionNames.CampaignSender => CampaignSenderSettings.Load(environment),
                FunctionNames.Campaigns => CampaignsSettings.Load(environment),
                _ => WebhookSettings.Load(environment),
            };
        }

        Assert.Equal(Catalogue.For(function).Select(s => s.Name).Order(StringComparer.Ordinal), read);
    }

    // Rule: reading a variable outside the function's entry is refused, so a new variable cannot skip the catalogue (and the stack).
    [Fact]
    public void Value_OutsideTheScope_IsRefused()
    {
        var reader = new SettingsReader(new DictionaryEnvironmentVariables(Full), Catalogue.Unsubscribe);

        var error = Assert.Throws<InvalidOperationException>(() => reader.Value(Catalogue.SendMailMaxRecipients));
        Assert.Contains(Catalogue.SendMailMaxRecipients.Name, error.Message, StringComparison.Ordinal);
    }

    private sealed class Recording(Dictionary<string, string> values, ISet<string> read) : IEnvironmentVariables
    {
        public string? GetEnvironmentVariable(string name)
        {
            read.Add(name);
            return values.GetValueOrDefault(name);
        }
    }
}
