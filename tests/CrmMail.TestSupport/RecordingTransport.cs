using System.Collections.Concurrent;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.TestSupport;

/// <summary>Records every message; recipients listed in <see cref="FailFor"/> fail.</summary>
public sealed class RecordingTransport : IMailTransport
{
    private int _sequence;

    public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();

    public HashSet<string> FailFor { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (FailFor.Contains(message.To))
        {
            return Task.FromResult(SendOutcome.Failed("ses:MessageRejected: Email address is on the suppression list."));
        }

        Sent.Enqueue(message);
        return Task.FromResult(SendOutcome.Accepted("msg-" + Interlocked.Increment(ref _sequence)));
    }
}
