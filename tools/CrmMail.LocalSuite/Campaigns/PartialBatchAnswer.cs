using CrmMail.Lambda.SQSEvents;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>How an event source mapping reads a partial batch response, shared by the queue stand-in and the SQS poller.</summary>
internal static class PartialBatchAnswer
{
    /// <summary>
    /// The messages to delete: every message the answer does not name. Null when the answer
    /// names an empty or unknown identifier, which Lambda treats as a failure of the whole batch.
    /// </summary>
    public static IReadOnlyList<SQSMessage>? ToDelete(IReadOnlyList<SQSMessage> messages, SQSBatchResponse? response)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var failure in response?.BatchItemFailures ?? [])
        {
            if (string.IsNullOrEmpty(failure?.ItemIdentifier) || !messages.Any(m => m.MessageId == failure.ItemIdentifier))
            {
                return null;
            }

            failed.Add(failure.ItemIdentifier);
        }

        return [.. messages.Where(m => !failed.Contains(m.MessageId ?? string.Empty))];
    }
}
