using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// The campaign API (issue 16): POST /campaigns, POST /campaigns/uploads, GET /campaigns/{id},
/// GET /campaigns/{id}/recipients, POST /campaigns/{id}/pause|resume|cancel, behind the usage
/// plan's API key like send-mail. 1024 MB: a campaign's list is validated whole in one request,
/// up to campaignMaxRecipients inline or an uploaded list of up to 64 MB read into memory
/// (twice that as .NET strings) and parsed, and Lambda's CPU share grows with memory, which
/// keeps that parse and the validation well inside the timeout. 28 s, just inside API Gateway's
/// 29 s integration timeout, so the function's own deadline answers first. No alarm beyond
/// errors and throttles: the function emits no metric of its own, a timeout counts as an error,
/// its 503s (a dependency down) are in the API's 5xx-rate alarm, and a campaign it launched that
/// the planner cannot plan lands in the plan dead-letter queue, which alarms.
/// </summary>
public sealed class CampaignsFunction(Construct scope, string id, SuiteFunctionProps props)
    : SuiteFunction(scope, id, FunctionNames.Campaigns, MemoryMb, TimeoutSeconds, props)
{
    /// <summary>
    /// The construct's id under the stack: not the function's name, which is the campaign
    /// engine's id (CampaignEngine "Campaigns", whose table, bucket and queues keep the logical
    /// ids they were deployed with). So this function's resources are CampaignApiFunction…,
    /// CampaignApiLogs…; its description, output and route-table name stay "Campaigns".
    /// </summary>
    public const string ConstructId = "CampaignApi";

    /// <summary>The function's memory (MB).</summary>
    public const int MemoryMb = 1024;

    /// <summary>The function's timeout: inside API Gateway's 29 s integration timeout.</summary>
    public const int TimeoutSeconds = 28;
}
