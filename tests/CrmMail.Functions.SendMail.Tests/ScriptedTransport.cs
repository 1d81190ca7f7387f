using System.Collections.Concurrent;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>A transport whose answer per recipient is a script; unknown recipients are accepted.</summary>
internal sealed class ScriptedTransport : IMailTransport
{
    private int _sequence;

    public ConcurrentDictionary<string, Func<Task<SendOutcome>>> Script { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<OutgoingMessage> Accepted { get; } = new();

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var outcome = Script.TryGetValue(message.To, out var step) ? await step() : SendOutcome.Accepted("msg-" + Interlocked.Increment(ref _sequence));
        if (outcome.Sent)
        {
            Accepted.Enqueue(message);
        }

        return outcome;
    }
}
