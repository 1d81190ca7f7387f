using System.Collections.Concurrent;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.Aws.Tests.Campaigns;

/// <summary>Answers throttling (as SesMailTransport does after its retries) for the next <see cref="Throttle"/> calls, then accepts.</summary>
internal sealed class ThrottlingTransport : IMailTransport
{
    private int _sequence;
    private int _throttle;

    public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();

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
            return Task.FromResult(SendOutcome.Unavailable("ses:TooManyRequestsException"));
        }

        Interlocked.Exchange(ref _throttle, 0);
        Sent.Enqueue(message);
        return Task.FromResult(SendOutcome.Accepted("ses-" + call.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
