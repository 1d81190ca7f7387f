using Amazon.CDK.AWS.SQS;

namespace CrmMail.Infra.Functions;

/// <summary>CampaignPlanner's props: the common ones plus the plan queue it consumes and that queue's dead-letter queue (both owned by <see cref="Constructs.CampaignEngine"/>).</summary>
public sealed record CampaignPlannerFunctionProps(SuiteFunctionProps Function, IQueue PlanQueue, IQueue DeadLetters);
