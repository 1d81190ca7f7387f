using CrmMail.Aws.Composition;
using CrmMail.Aws.SesV2;
using CrmMail.Hosting.Configuration;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.OutreachSend;

/// <summary>The outreach send routes' configuration (<see cref="Catalogue.OutreachSend"/>), validated at init.</summary>
internal sealed record OutreachSendSettings
{
    public required SubscriptionSettings Subscriptions { get; init; }

    public required bool SuiteOwnsListUnsubscribe { get; init; }

    /// <summary>The SES configuration set of each stream (event publishing, tracking).</summary>
    public SesConfigurationSets ConfigurationSets { get; init; } = SesConfigurationSets.None;

    public required Uri UnsubscribeBaseUrl { get; init; }

    public required string UnsubscribeMailbox { get; init; }

    public required int MaxBodyBytes { get; init; }

    public required int Concurrency { get; init; }

    /// <summary>Mailgun's domain, API and key secret when MAIL_TRANSPORT is <c>mailgun</c>.</summary>
    public MailgunSettings? Mailgun { get; init; }

    public required string FirebaseProjectId { get; init; }

    public required Uri FirebaseCertificatesUrl { get; init; }

    public required IReadOnlyList<string> CorsAllowedOrigins { get; init; }

    public required string RateLimitTable { get; init; }

    /// <summary>Requests a minute per Firebase user on each send route.</summary>
    public required int RateLimitPerMinute { get; init; }

    public ClaimRequirement? RequiredClaim { get; init; }

    public string? DefaultFrom { get; init; }

    public required int MaxRecipients { get; init; }

    /// <summary>Reads <see cref="Catalogue.OutreachSend"/>; a problem names its variable.</summary>
    public static OutreachSendSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.OutreachSend);
        var mailgun = MailgunSettings.Load(reader);

        return new OutreachSendSettings
        {
            Subscriptions = SubscriptionSettings.Load(reader),
            SuiteOwnsListUnsubscribe = reader.Is(Catalogue.ListUnsubscribeOwner, "suite"),
            ConfigurationSets = SesConfigurationSets.Load(reader),
            UnsubscribeBaseUrl = reader.Url(Catalogue.UnsubscribeBaseUrl),
            UnsubscribeMailbox = reader.Text(Catalogue.UnsubscribeMailbox),
            MaxBodyBytes = reader.Int(Catalogue.SendMailMaxBodyBytes),
            Concurrency = reader.Int(Catalogue.SendMailConcurrency),
            Mailgun = mailgun,
            FirebaseProjectId = reader.Text(Catalogue.FirebaseProjectId),
            FirebaseCertificatesUrl = reader.Url(Catalogue.FirebaseCertsUrl),
            CorsAllowedOrigins = reader.Text(Catalogue.CorsAllowedOrigins).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RateLimitTable = reader.Text(Catalogue.RateLimitTable),
            RateLimitPerMinute = reader.Int(Catalogue.OutreachSendRateLimit),
            RequiredClaim = ClaimRequirement.Parse(reader.Text(Catalogue.OutreachRequiredClaim)),
            DefaultFrom = reader.Value(Catalogue.OutreachDefaultFrom) is { Length: > 0 } from ? from : null,
            MaxRecipients = reader.Int(Catalogue.OutreachMaxRecipients),
        };
    }
}
