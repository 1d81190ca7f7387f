using CrmMail.Mail.Composition;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Validation;

namespace CrmMail.Functions.SendMail;

/// <summary>
/// Builds the handler from validated settings over any adapters: Program.cs hands in the AWS
/// ones, <c>crm-mail serve</c> local ones, so only the adapters differ.
/// </summary>
internal static class SendMailComposition
{
    public static SendMailHandler Build(SendMailSettings settings, SendMailPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var services = ports.Services;
        var time = ports.Time;
        var reports = new ReportLinkService(ports.Reports, ports.Signer, settings.ReportKeyTemplate, ports.Distribution, settings.SignedUrlLifetime, time);
        var composer = new MessageComposer(new ListUnsubscribe(settings.UnsubscribeBaseUrl, settings.UnsubscribeMailbox), services.Hasher, includeListUnsubscribeHeaders: settings.SuiteOwnsListUnsubscribe);
        var service = new SendMailFlow(reports, services.Subscriptions, services.Audit, services.Tokens, composer, ports.Transport, services.Hasher, time, settings.Concurrency);
        return new SendMailHandler(service, new SendMailValidator(settings.MaxRecipients, settings.MaxBodyBytes, settings.MaxReports), ports.Idempotency, settings.MaxBodyBytes, time, services.Metrics);
    }
}
