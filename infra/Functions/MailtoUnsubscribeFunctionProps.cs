using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;

namespace CrmMail.Infra.Functions;

/// <summary>
/// MailtoUnsubscribe's props: the common ones plus the topic SES publishes the mailbox's mail
/// to and the dead-letter queue of invocations that failed every retry (both owned by the
/// stack: the queue holds opt-outs not yet applied, so it never moves with the function).
/// </summary>
public sealed record MailtoUnsubscribeFunctionProps(SuiteFunctionProps Function, ITopic InboundMail, IQueue DeadLetters);
