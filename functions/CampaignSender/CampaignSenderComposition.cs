using CrmMail.Campaigns;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Sending;

namespace CrmMail.Functions.CampaignSender;

/// <summary>
/// Builds the handler from validated settings over any adapters: Program.cs hands in the AWS
/// ones, <c>crm-mail serve</c> local ones. The per-recipient code is send-mail's
/// (<see cref="RecipientSendService"/>, <see cref="MessageComposer"/>), built the same way.
/// </summary>
internal static class CampaignSenderComposition
{
    public static CampaignSenderHandler Build(CampaignSenderSettings settings, CampaignSenderPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var services = ports.Services;
        var composer = new MessageComposer(new ListUnsubscribe(settings.UnsubscribeBaseUrl, settings.UnsubscribeMailbox), services.Hasher, includeListUnsubscribeHeaders: settings.SuiteOwnsListUnsubscribe);
        var recipients = new RecipientSendService(services.Subscriptions, services.Audit, services.Tokens, ports.Transport, services.Hasher, ports.Time, settings.SendConcurrency);
        var flow = new CampaignSendFlow(ports.Store, ports.Objects, recipients, composer, ports.Pacer, new CampaignSendOptions(settings.SendConcurrency, settings.ClaimTimeout), ports.Time);
        return new CampaignSenderHandler(flow);
    }
}
