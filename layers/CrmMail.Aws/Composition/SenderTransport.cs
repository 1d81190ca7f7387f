using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Mail.Transport;

namespace CrmMail.Aws.Composition;

/// <summary>
/// The one place a deployed sender's transport is chosen: Mailgun when its settings say so
/// (<see cref="MailgunSettings"/>), else SES v2. send-mail and the campaign sender both build
/// theirs here, so a suite configured for Mailgun sends its campaigns through Mailgun too.
/// </summary>
public static class SenderTransport
{
    /// <summary>
    /// Mailgun (its API key read through <paramref name="secrets"/>, once per container) when
    /// <paramref name="mailgun"/> is set; else SES, with list management when SES owns the
    /// List-Unsubscribe headers and each stream's configuration set.
    /// </summary>
    /// <param name="mailgun">The function's Mailgun settings, or null for SES.</param>
    /// <param name="aws">The region, endpoint and contact list.</param>
    /// <param name="suiteOwnsListUnsubscribe">True when the suite writes its own List-Unsubscribe headers (no list management).</param>
    /// <param name="configurationSets">Each stream's SES configuration set.</param>
    /// <param name="http">The container's HttpClient.</param>
    /// <param name="secrets">Secrets Manager, for the Mailgun key.</param>
    /// <param name="credentials">AWS credentials for SES.</param>
    /// <param name="time">The clock.</param>
    public static IMailTransport ForAws(
        MailgunSettings? mailgun,
        SubscriptionSettings aws,
        bool suiteOwnsListUnsubscribe,
        SesConfigurationSets configurationSets,
        HttpClient http,
        SecretsManagerClient secrets,
        IAwsCredentialsSource credentials,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(aws);
        if (mailgun is not null)
        {
            return new MailgunTransport(http, mailgun.Options, mailgun.ApiKey(secrets));
        }

        return new SesMailTransport(
            new SesV2Client(http, new SesV2ClientOptions(aws.Region, aws.EndpointOverride), credentials, time),
            suiteOwnsListUnsubscribe ? null : aws.ContactListName,
            configurationSets);
    }
}
