using Amazon.CDK.AWS.SQS;

namespace CrmMail.Infra.Functions;

/// <summary>
/// CampaignSender's props: the common ones plus the campaign queue it consumes, that queue's
/// dead-letter queue (both owned by <see cref="Constructs.CampaignEngine"/>) and the mapping's
/// maximum concurrency (the value the function divides SES's rate by).
/// </summary>
public sealed record CampaignSenderFunctionProps(SuiteFunctionProps Function, IQueue Queue, IQueue DeadLetters, int MaxConcurrency);
