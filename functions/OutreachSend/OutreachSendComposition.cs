using CrmMail.Identity;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Outreach;
using CrmMail.Mail.Sending;
using CrmMail.Routes;

namespace CrmMail.Functions.OutreachSend;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class OutreachSendComposition
{
    /// <summary>The rate-limit window: the CRM's limits are per minute.</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(1);

    public static OutreachSendHandler Build(OutreachSendSettings settings, OutreachSendPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var services = ports.Services;
        var firebase = new FirebaseTokenVerifier(ports.FirebaseCertificates, settings.FirebaseProjectId, ports.Time);
        var composer = new MessageComposer(new ListUnsubscribe(settings.UnsubscribeBaseUrl, settings.UnsubscribeMailbox), services.Hasher, includeListUnsubscribeHeaders: settings.SuiteOwnsListUnsubscribe);
        var recipients = new RecipientSendService(services.Subscriptions, services.Audit, services.Tokens, ports.Transport, services.Hasher, ports.Time, settings.Concurrency);
        var flow = new OutreachSendFlow(recipients, composer, ports.Templates);
        // One policy per route: a burst on one route does not spend the other's allowance.
        var policies = new Dictionary<string, RateLimitPolicy>(StringComparer.Ordinal)
        {
            [OutreachPaths.SendEmail] = new("outreach-send-email", settings.RateLimitPerMinute, RateLimitWindow),
            [OutreachPaths.SendTemplateEmail] = new("outreach-send-template-email", settings.RateLimitPerMinute, RateLimitWindow),
        };
        return new OutreachSendHandler(
            flow,
            new OutreachValidator(settings.MaxRecipients, settings.MaxBodyBytes, settings.DefaultFrom),
            firebase,
            settings.RequiredClaim,
            new FixedWindowRateLimiter(ports.RateLimits, ports.Time),
            policies,
            settings.MaxBodyBytes,
            settings.CorsAllowedOrigins,
            ports.Time,
            services.Metrics);
    }
}
