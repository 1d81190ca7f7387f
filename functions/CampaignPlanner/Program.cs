using CrmMail.Hosting;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>Composition root: configuration validated, the AWS adapters built once per container.</summary>
public static class Program
{
    public static Task<int> Main() => LambdaHost.RunAsync<SQSEvent, SQSBatchResponse>(
        new SourceGeneratorLambdaJsonSerializer<CampaignPlannerJsonContext>(CampaignPlannerJsonContext.Default),
        host =>
        {
            var settings = CampaignPlannerSettings.Load(host.Environment);
            return CampaignPlannerComposition.Build(settings, CampaignPlannerPorts.ForAws(settings, host.TimeProvider)).HandleAsync;
        });
}
