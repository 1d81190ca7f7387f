using CrmMail.Aws.Composition;
using CrmMail.Aws.SesV2;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Reports;
using CrmMail.Settings;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Functions.SendMail;

/// <summary>The send-mail function's configuration (<see cref="Catalogue.SendMail"/>), validated at init.</summary>
internal sealed record SendMailSettings
{
    public required SubscriptionSettings Subscriptions { get; init; }

    public required string Transport { get; init; }

    public required bool SuiteOwnsListUnsubscribe { get; init; }

    /// <summary>The SES configuration set of each stream (event publishing, tracking).</summary>
    public SesConfigurationSets ConfigurationSets { get; init; } = SesConfigurationSets.None;

    public required Uri UnsubscribeBaseUrl { get; init; }

    public required string UnsubscribeMailbox { get; init; }

    public required int MaxRecipients { get; init; }

    public required int MaxBodyBytes { get; init; }

    public required int MaxReports { get; init; }

    public required int Concurrency { get; init; }

    public required string ReportsBucket { get; init; }

    public required ReportKeyTemplate ReportKeyTemplate { get; init; }

    public required string CloudFrontDomain { get; init; }

    public required string CloudFrontPrivateKeySecret { get; init; }

    public required CloudFrontHashAlgorithm? CloudFrontHashAlgorithm { get; init; }

    public required TimeSpan SignedUrlLifetime { get; init; }

    public required string IdempotencyTable { get; init; }

    /// <summary>Mailgun's domain, API and key secret when <see cref="Transport"/> is <c>mailgun</c> (the campaign sender reads the same).</summary>
    public MailgunSettings? Mailgun { get; init; }

    /// <summary>Reads <see cref="Catalogue.SendMail"/>; a problem names its variable.</summary>
    public static SendMailSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.SendMail);
        // In the order a deployer fixes them: the transport, the links, then the rest.
        var transport = reader.Text(Catalogue.MailTransport);
        var domain = reader.Text(Catalogue.CloudFrontDomain);
        var mailbox = reader.Text(Catalogue.UnsubscribeMailbox);
        var template = ReportKeyTemplate.Parse(reader.Text(Catalogue.ReportKeyTemplate));
        var baseUrl = reader.Url(Catalogue.UnsubscribeBaseUrl);
        var mailgun = MailgunSettings.Load(reader);

        return new SendMailSettings
        {
            Subscriptions = SubscriptionSettings.Load(reader),
            Transport = transport,
            SuiteOwnsListUnsubscribe = reader.Is(Catalogue.ListUnsubscribeOwner, "suite"),
            ConfigurationSets = SesConfigurationSets.Load(reader),
            UnsubscribeBaseUrl = baseUrl,
            UnsubscribeMailbox = mailbox,
            MaxRecipients = reader.Int(Catalogue.SendMailMaxRecipients),
            MaxBodyBytes = reader.Int(Catalogue.SendMailMaxBodyBytes),
            MaxReports = reader.Int(Catalogue.SendMailMaxReports),
            Concurrency = reader.Int(Catalogue.SendMailConcurrency),
            ReportsBucket = reader.Text(Catalogue.ReportsBucket),
            ReportKeyTemplate = template,
            CloudFrontDomain = domain,
            CloudFrontPrivateKeySecret = reader.Text(Catalogue.CloudFrontPrivateKeySecret),
            CloudFrontHashAlgorithm = reader.Text(Catalogue.CloudFrontHashAlgorithm) switch
            {
                "sha1" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha1,
                "sha256" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha256,
                _ => null,
            },
            SignedUrlLifetime = TimeSpan.FromDays(reader.Int(Catalogue.SignedUrlTtlDays)),
            IdempotencyTable = reader.Text(Catalogue.IdempotencyTable),
            Mailgun = mailgun,
        };
    }
}
