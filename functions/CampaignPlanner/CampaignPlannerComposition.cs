using CrmMail.Campaigns;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class CampaignPlannerComposition
{
    public static CampaignPlannerHandler Build(CampaignPlannerSettings settings, CampaignPlannerPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        return new CampaignPlannerHandler(new CampaignPlanFlow(ports.Store, ports.Objects, ports.Queue, settings.BatchSize, ports.Time));
    }
}
