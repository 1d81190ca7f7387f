using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Transport;
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

    private static Dictionary<string, string> Base() => new()
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
    };

    // Rule: the sender reads send-mail's transport choice: MAIL_TRANSPORT=mailgun gives Mailgun's
    // domain, region host and key secret, as send-mail reads them.
    [Fact]
    public void Load_MailTransportMailgun_ReadsSendMailsMailgunSettings()
    {
        var variables = Base();
        variables["MAIL_TRANSPORT"] = "mailgun";
        variables["MAILGUN_DOMAIN"] = "mg.example.com";
        variables["MAILGUN_REGION"] = "eu";
        variables["MAILGUN_API_KEY_SECRET"] = "mailgun-key";

        var settings = CampaignSenderSettings.Load(new DictionaryEnvironmentVariables(variables));

        Assert.Equal("mailgun", settings.Transport);
        Assert.Equal(new MailgunOptions("mg.example.com", MailgunOptions.EuBaseUrl), settings.Mailgun!.Options);
        Assert.Equal("mailgun-key", settings.Mailgun.ApiKeySecret);
    }

    // Rule: SES stays the default transport: no Mailgun settings without MAIL_TRANSPORT=mailgun.
    [Fact]
    public void Load_NoTransport_IsSes()
    {
        var settings = CampaignSenderSettings.Load(new DictionaryEnvironmentVariables(Base()));

        Assert.Equal("ses", settings.Transport);
        Assert.Null(settings.Mailgun);
    }

    // Rule: a Mailgun transport without its domain or key secret is refused at init, naming the
    // variable, as send-mail refuses it (never a campaign that falls back to SES).
    [Theory]
    [InlineData("MAILGUN_DOMAIN")]
    [InlineData("MAILGUN_API_KEY_SECRET")]
    public void Load_MailgunWithoutARequiredSetting_RefusedNamingIt(string missing)
    {
        var variables = Base();
        variables["MAIL_TRANSPORT"] = "mailgun";
        variables["MAILGUN_DOMAIN"] = "mg.example.com";
        variables["MAILGUN_API_KEY_SECRET"] = "mailgun-key";
        variables.Remove(missing);

        var error = Assert.Throws<ConfigurationException>(() => CampaignSenderSettings.Load(new DictionaryEnvironmentVariables(variables)));

        Assert.Equal(missing + " is not set.", error.Message);
    }

    // Rule: a deployed sender configured for Mailgun builds Mailgun's transport (not SES's), through
    // the composition send-mail uses.
    [Fact]
    public void ForAws_MailTransportMailgun_SendsThroughMailgun()
    {
        var variables = Base();
        variables["MAIL_TRANSPORT"] = "mailgun";
        variables["MAILGUN_DOMAIN"] = "mg.example.com";
        variables["MAILGUN_API_KEY_SECRET"] = "mailgun-key";
        var settings = CampaignSenderSettings.Load(new DictionaryEnvironmentVariables(variables));
        using var http = new HttpClient();

        var ports = CampaignSenderPorts.ForAws(settings, http, new CrmMail.Lambda.TestUtilities.TestLambdaLogger(), TimeProvider.System);

        Assert.IsType<MailgunTransport>(ports.Transport);
        ports.Pacer.Dispose();
    }
}
