using CrmMail.Lambda.SQSEvents;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// One consumer invocation: <paramref name="instance"/> names the concurrency slot running it
/// (0 to the mapping's maximum concurrency less one, as one Lambda instance each), the event
/// holds up to the batch size of messages, and the answer is the partial batch response.
/// </summary>
internal delegate Task<SQSBatchResponse> LocalQueueConsumer(int instance, SQSEvent sqsEvent, CancellationToken cancellationToken);
