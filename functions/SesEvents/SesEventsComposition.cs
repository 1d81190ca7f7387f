using CrmMail.Inbound.SesEvents;

namespace CrmMail.Functions.SesEvents;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class SesEventsComposition
{
    public static SesEventsHandler Build(SesEventsSettings settings, SesEventsPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var flow = new SesEventFlow(ports.Events, ports.Services.Subscriptions, ports.Services.Hasher);
        return new SesEventsHandler(flow);
    }
}
