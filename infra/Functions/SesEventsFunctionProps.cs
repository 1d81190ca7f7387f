using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;

namespace CrmMail.Infra.Functions;

/// <summary>
/// SesEvents' props: the common ones plus the topic the configuration sets publish to and the
/// dead-letter queue of invocations that failed every retry (both owned by the stack: the queue
/// holds events, opt-outs among them, not yet applied).
/// </summary>
public sealed record SesEventsFunctionProps(SuiteFunctionProps Function, ITopic Events, IQueue DeadLetters);
