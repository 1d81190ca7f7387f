using System.Collections.Concurrent;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.Campaigns.Tests;

/// <summary>
/// A provider that answers throttling (SendOutcome.Unavailable, as SesMailTransport does after
/// its retries) for the next <see cref="Throttle"/> calls, refuses addresses in
/// <see cref="Reject"/>, and otherwise accepts and records.
/// </summary>
internal sealed class FaultyTransport : IMailTransport
{
    private int _sequence;
    private int _throttle;

    public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();

    public HashSet<string> Reject { get; } = new(StringComparer.Ordinal);

    public int Calls => Volatile.Read(ref _sequence);

    public int Throttle
    {
        get => Volatile.Read(ref _throttle);
        set => Volatile.Write(ref _throttle, value);
    }

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _sequence);
        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            return Task.FromResult(SendOutcome.Unavailable("ses:TooManyRequestsException: Maximum sending rate exceeded."));
        }

        Interlocked.Exchange(ref _throttle, 0);
        if (Reject.Contains(message.To))
        {
            return Task.FromResult(SendOutcome.Failed("ses:MessageRejected"));
        }

        Sent.Enqueue(message);
        return Task.FromResult(SendOutcome.Accepted("ses-" + call.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
