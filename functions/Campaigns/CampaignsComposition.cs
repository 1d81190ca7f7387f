using CrmMail.Campaigns;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Validation;

namespace CrmMail.Functions.Campaigns;

/// <summary>
/// Builds the handler from validated settings over any adapters: Program.cs hands in the AWS
/// ones, <c>crm-mail serve</c> local ones, so only the adapters differ.
/// </summary>
internal static class CampaignsComposition
{
    public static CampaignsHandler Build(CampaignsSettings settings, CampaignsPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var time = ports.Time;
        var reports = new ReportLinkService(ports.Reports, ports.Signer, settings.ReportKeyTemplate, ports.Distribution, settings.SignedUrlLifetime, time);
        return new CampaignsHandler(
            new CampaignsHandler.Validators(
                new SendMailValidator(settings.MaxRecipients, settings.MaxBodyBytes, settings.MaxReports),
                new SendMailValidator(settings.ListMaxRecipients, settings.MaxBodyBytes, settings.MaxReports)),
            new CreateCampaignFlow(reports, ports.Store, ports.Objects, ports.Launcher, ports.Random, time),
            new CampaignStatusFlow(ports.Store),
            new CampaignRecipientsFlow(ports.Store, ports.Records),
            new CampaignControlFlow(ports.Store, ports.Records, ports.Queue, time),
            new CampaignUploadFlow(ports.Uploads, ports.Random, CampaignsSettings.UploadLifetime, time),
            ports.Uploads,
            ports.Idempotency);
    }
}
