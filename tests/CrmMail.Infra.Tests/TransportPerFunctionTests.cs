using CrmMail.Routes;
using CrmMail.Settings;

namespace CrmMail.Infra.Tests;

/// <summary>
/// The mail transport per sending function (issue 18): <c>outreachMailTransport</c> sends the
/// Outreach routes through their own transport while send-mail keeps <c>mailTransport</c>'s, each
/// with its own variables and exactly its own grants.
/// </summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class TransportPerFunctionTests
{
    private static StackSettings Settings(Dictionary<string, object> overrides)
        => StackSettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = StackFixture.Context(overrides) }).Node);

    // Rule: without outreachMailTransport every sender follows mailTransport (no function has a context of its own).
    [Fact]
    public void NoOverride_EverySenderFollowsMailTransport()
    {
        var settings = Settings(new() { ["mailTransport"] = "mailgun", ["mailgunDomain"] = "mg.example.com" });

        Assert.Empty(settings.FunctionContextOverrides);
        Assert.Equal("mailgun", settings.MailTransportOf(FunctionNames.SendMail));
        Assert.Equal("mailgun", settings.MailTransportOf(FunctionNames.OutreachSend));
    }

    // Rule: an Outreach transport that differs gives OutreachSend its own context, resolved by the same rules (Mailgun's defaults included); send-mail's is untouched.
    [Fact]
    public void OutreachOverride_GivesOutreachSendItsOwnContext()
    {
        var settings = Settings(new() { ["outreachMailTransport"] = "mailgun", ["mailgunDomain"] = "mg.example.com" });

        Assert.Equal("ses", settings.MailTransportOf(FunctionNames.SendMail));
        Assert.Equal("mailgun", settings.MailTransportOf(FunctionNames.OutreachSend));
        Assert.Equal("mg.example.com", settings.ContextFor(FunctionNames.OutreachSend)[Catalogue.MailgunDomain.Name]);
        Assert.Equal(Catalogue.MailgunRegion.Default, settings.ContextFor(FunctionNames.OutreachSend)[Catalogue.MailgunRegion.Name]);
        Assert.False(settings.ContextFor(FunctionNames.SendMail).ContainsKey(Catalogue.MailgunDomain.Name));
    }

    // Rule: an override equal to mailTransport changes nothing (no second context to keep in step).
    [Fact]
    public void OutreachOverrideEqualToDefault_IsNoOverride()
    {
        Assert.Empty(Settings(new() { ["outreachMailTransport"] = "ses" }).FunctionContextOverrides);
    }

    // Rule: Mailgun's required settings are required when any function sends through Mailgun, not only when mailTransport says so.
    [Fact]
    public void OutreachMailgunWithoutDomain_FailsSynthNamingTheKey()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Settings(new() { ["outreachMailTransport"] = "mailgun" }));
        Assert.Contains("'mailgunDomain'", error.Message, StringComparison.Ordinal);
    }

    // Rule: the Outreach transport is checked by MAIL_TRANSPORT's own rule at synth: a one-line error naming the key.
    [Fact]
    public void OutreachTransportBadValue_IsAOneLineErrorNamingTheKey()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Settings(new() { ["outreachMailTransport"] = "smtp" }));
        Assert.Contains("'outreachMailTransport'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    // Rule: with Outreach on Mailgun and send-mail on SES, each function's environment names its own transport
    // and only its variables, and each role grants exactly what that transport calls (the IAM contract on this template):
    // OutreachSend reads the Mailgun key and may not send through SES; SendMail sends through SES and may not read the Mailgun key.
    [Fact]
    public void MixedTransports_EachFunctionHasItsTransportsVariablesAndGrantsOnly()
    {
        var (settings, _, _, _, path) = StackFixture.Synthesize(new Dictionary<string, object> { ["outreachMailTransport"] = "mailgun", ["mailgunDomain"] = "mg.example.com" }, "CrmMailMixedTransport");
        var template = TemplateJson.Load(path);
        var outreach = template.Environment(FunctionNames.OutreachSend);
        var sendMail = template.Environment(FunctionNames.SendMail);

        Assert.Equal("mailgun", outreach[Catalogue.MailTransport.Name].GetString());
        Assert.Equal("mg.example.com", outreach[Catalogue.MailgunDomain.Name].GetString());
        Assert.Contains(Catalogue.MailgunApiKeySecret.Name, outreach.Keys);
        Assert.Equal("ses", sendMail[Catalogue.MailTransport.Name].GetString());
        Assert.DoesNotContain(sendMail.Keys, k => k.StartsWith("MAILGUN_", StringComparison.Ordinal));

        var mailgunKey = TemplateJson.References(outreach[Catalogue.MailgunApiKeySecret.Name]).Single();
        var outreachActions = template.Statements(FunctionNames.OutreachSend).SelectMany(s => TemplateJson.Strings(s.GetProperty("Action"))).ToList();
        Assert.DoesNotContain("ses:SendEmail", outreachActions);
        Assert.DoesNotContain("ses:GetEmailTemplate", outreachActions);
        Assert.Contains(template.Statements(FunctionNames.OutreachSend), s => TemplateJson.References(s.GetProperty("Resource")).Contains(mailgunKey));
        Assert.DoesNotContain(template.Statements(FunctionNames.SendMail), s => TemplateJson.References(s.GetProperty("Resource")).Contains(mailgunKey));
        Assert.Contains("ses:SendEmail", template.Statements(FunctionNames.SendMail).SelectMany(s => TemplateJson.Strings(s.GetProperty("Action"))));

        // The campaign sender follows mailTransport, not Outreach's: SES, no Mailgun variable or key.
        var sender = template.Environment(FunctionNames.CampaignSender);
        Assert.Equal("ses", sender[Catalogue.MailTransport.Name].GetString());
        Assert.DoesNotContain(sender.Keys, k => k.StartsWith("MAILGUN_", StringComparison.Ordinal));
        Assert.DoesNotContain(template.Statements(FunctionNames.CampaignSender), s => TemplateJson.References(s.GetProperty("Resource")).Contains(mailgunKey));
        Assert.Contains("ses:SendEmail", template.Statements(FunctionNames.CampaignSender).SelectMany(s => TemplateJson.Strings(s.GetProperty("Action"))));

        var failures = IamContractTests.Mismatches(settings, template);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    // Rule: campaigns send through the suite's transport: with mailTransport=mailgun the campaign
    // sender gets send-mail's Mailgun variables (same values, same key secret) and read access to
    // the Mailgun key, and no SES send grant (the IAM contract on this template checks the rest).
    [Fact]
    public void MailgunTransport_CampaignSenderHasSendMailsMailgunVariablesAndKeyOnly()
    {
        var (settings, _, _, _, path) = StackFixture.Synthesize(new Dictionary<string, object> { ["mailTransport"] = "mailgun", ["mailgunDomain"] = "mg.example.com", ["mailgunRegion"] = "eu" }, "CrmMailCampaignMailgun");
        var template = TemplateJson.Load(path);
        var sender = template.Environment(FunctionNames.CampaignSender);
        var sendMail = template.Environment(FunctionNames.SendMail);

        foreach (var name in new[] { Catalogue.MailTransport.Name, Catalogue.MailgunDomain.Name, Catalogue.MailgunRegion.Name })
        {
            Assert.Equal(sendMail[name].GetString(), sender[name].GetString());
        }

        Assert.Equal("mailgun", sender[Catalogue.MailTransport.Name].GetString());
        var mailgunKey = TemplateJson.References(sendMail[Catalogue.MailgunApiKeySecret.Name]).Single();
        Assert.Equal(mailgunKey, TemplateJson.References(sender[Catalogue.MailgunApiKeySecret.Name]).Single());
        Assert.Contains(template.Statements(FunctionNames.CampaignSender), s => TemplateJson.References(s.GetProperty("Resource")).Contains(mailgunKey));
        Assert.DoesNotContain("ses:SendEmail", template.Statements(FunctionNames.CampaignSender).SelectMany(s => TemplateJson.Strings(s.GetProperty("Action"))));

        var failures = IamContractTests.Mismatches(settings, template);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
