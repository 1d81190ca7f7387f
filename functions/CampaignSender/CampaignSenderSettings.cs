using CrmMail.Aws.Composition;
using CrmMail.Aws.SesV2;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.CampaignSender;

/// <summary>The sender's configuration (<see cref="Catalogue.CampaignSender"/>), validated at init.</summary>
internal sealed record CampaignSenderSettings
{
    public required SubscriptionSettings Subscriptions { get; init; }

    public required bool SuiteOwnsListUnsubscribe { get; init; }

    public required Uri UnsubscribeBaseUrl { get; init; }

    public required string UnsubscribeMailbox { get; init; }

    public required string Table { get; init; }

    public required string Bucket { get; init; }

    public required TimeSpan Retention { get; init; }

    /// <summary>
    /// The provider's sending rate, messages per second, that the pacer splits over the instances:
    /// SES's account quota, or, under Mailgun (which has no per-second account quota, only its
    /// plan's hourly and daily limits), the rate the operator allots to campaigns. One variable
    /// for both (<see cref="Catalogue.SesMaxSendRate"/>), so switching transport keeps the pacing.
    /// </summary>
    public required int SesMaxSendRate { get; init; }

    /// <summary>The queue mapping's maximum concurrency (instances that may send at once).</summary>
    public required int MaxConcurrency { get; init; }

    /// <summary>Recipients of one batch in flight at once.</summary>
    public required int SendConcurrency { get; init; }

    /// <summary>The function's timeout: a claim older than this belongs to an ended invocation.</summary>
    public required TimeSpan ClaimTimeout { get; init; }

    /// <summary>Which service sends (<see cref="Catalogue.MailTransport"/>, <c>ses</c> or <c>mailgun</c>), as send-mail reads it.</summary>
    public required string Transport { get; init; }

    /// <summary>Mailgun's domain, API and key secret when <see cref="Transport"/> is <c>mailgun</c>: send-mail's own settings, read by the same code.</summary>
    public MailgunSettings? Mailgun { get; init; }

    /// <summary>The configuration set of each stream, as send-mail names them: campaign sends publish their events too.</summary>
    public SesConfigurationSets ConfigurationSets { get; init; } = SesConfigurationSets.None;

    /// <summary>Reads <see cref="Catalogue.CampaignSender"/>; a problem names its variable.</summary>
    public static CampaignSenderSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.CampaignSender);
        return new CampaignSenderSettings
        {
            Transport = reader.Text(Catalogue.MailTransport),
            Mailgun = MailgunSettings.Load(reader),
            Subscriptions = SubscriptionSettings.Load(reader),
            SuiteOwnsListUnsubscribe = reader.Is(Catalogue.ListUnsubscribeOwner, "suite"),
            UnsubscribeBaseUrl = reader.Url(Catalogue.UnsubscribeBaseUrl),
            UnsubscribeMailbox = reader.Text(Catalogue.UnsubscribeMailbox),
            Table = reader.Text(Catalogue.CampaignsTable),
            Bucket = reader.Text(Catalogue.CampaignBucket),
            Retention = TimeSpan.FromDays(reader.Int(Catalogue.CampaignRetentionDays)),
            SesMaxSendRate = reader.Int(Catalogue.SesMaxSendRate),
            MaxConcurrency = reader.Int(Catalogue.CampaignSenderMaxConcurrency),
            SendConcurrency = reader.Int(Catalogue.CampaignSendConcurrency),
            ClaimTimeout = TimeSpan.FromSeconds(reader.Int(Catalogue.CampaignClaimTimeoutSeconds)),
            ConfigurationSets = SesConfigurationSets.Load(reader),
        };
    }
}
