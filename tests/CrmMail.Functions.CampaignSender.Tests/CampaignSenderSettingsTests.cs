using CrmMail.Lambda.Core;
using CrmMail.Subscriptions;

namespace CrmMail.Functions.CampaignSender.Tests;

/// <summary>The sender's configuration as Lambda hands it over.</summary>
public sealed class CampaignSenderSettingsTests
{
    // Rule: campaign sends name their stream's SES configuration set as send-mail's do, so their
    // events (delivery, bounce, open, click) reach SesEvents and the campaign's counters.
    [Fact]
    public void Load_ConfigurationSetsNamed_EachStreamSendsWithItsSet()
    {
        var settings = CampaignSenderSettings.Load(new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1",
            ["SES_CONTACT_LIST_NAME"] = "dn-contacts",
            ["TOKEN_KEYS_TABLE"] = "keys",
            ["AUDIT_TABLE"] = "audit",
            ["CONTACT_LEASE_TABLE"] = "leases",
            ["PII_HASH_KEY"] = Convert.ToBase64String(new byte[32]),
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
            ["CAMPAIGNS_TABLE"] = "campaigns",
            ["CAMPAIGN_BUCKET"] = "dn-campaigns",
            ["SES_CONFIGURATION_SET_OUTREACH"] = "crm-tracked",
            ["SES_CONFIGURATION_SET_FINANCIAL"] = "crm-untracked",
        }));

        Assert.Equal("crm-tracked", settings.ConfigurationSets.For(Topics.Outreach));
        Assert.Equal("crm-untracked", settings.ConfigurationSets.For(Topics.Financial));
    }
}
