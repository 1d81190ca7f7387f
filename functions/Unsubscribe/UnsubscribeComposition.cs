using CrmMail.Subscriptions;

namespace CrmMail.Functions.Unsubscribe;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class UnsubscribeComposition
{
    public static UnsubscribeHandler Build(UnsubscribeSettings settings, UnsubscribePorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var flow = new UnsubscribeFlow(ports.Services.Tokens, ports.Services.Subscriptions, ports.Time);
        return new UnsubscribeHandler(flow, ports.Services.Hasher, settings.ConfirmationUrl, settings.ApplyOnGet);
    }
}
