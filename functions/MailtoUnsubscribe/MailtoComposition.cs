using CrmMail.Inbound.Mailto;

namespace CrmMail.Functions.MailtoUnsubscribe;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class MailtoComposition
{
    public static MailtoHandler Build(MailtoSettings settings, MailtoPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var flow = new MailtoUnsubscribeFlow(ports.Services.Tokens, ports.Services.Subscriptions, ports.Time);
        return new MailtoHandler(flow, ports.Services.Hasher, settings.MaxContentBytes);
    }
}
