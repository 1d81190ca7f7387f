using System.Collections.Concurrent;
using System.Diagnostics;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.CampaignBench;

/// <summary>
/// A simulated SES SendEmail: each call takes <c>latency</c>; calls above the account's
/// <c>rate</c> (a token bucket refilled continuously, a quarter second of burst) are answered
/// with throttling; injected faults answer throttling or a 5xx at the given probabilities, and
/// a "kill" throws after SES accepted the message (the crash between the provider accepting and
/// the record). Every accepted message is counted by address, to find any sent twice.
/// </summary>
internal sealed class SimulatedSes(double rate, TimeSpan latency, double throttleFaults, double serverFaults, long killEvery, int seed) : IMailTransport
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private readonly double _burst = Math.Max(1, rate / 4);
    private readonly long _start = Stopwatch.GetTimestamp();
    private double _tokens = Math.Max(1, rate / 4);
    private double _refilledAt;
    private long _accepted;

    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);

    public long Calls;

    public long RateThrottled;

    public long InjectedThrottles;

    public long InjectedServerErrors;

    public long Kills;

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref Calls);
        await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        double roll;
        bool allowed;
        lock (_gate)
        {
            roll = _random.NextDouble();
            var now = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            _tokens = Math.Min(_burst, _tokens + ((now - _refilledAt) * rate));
            _refilledAt = now;
            allowed = _tokens >= 1;
            if (allowed)
            {
                _tokens -= 1;
            }
        }

        if (!allowed)
        {
            Interlocked.Increment(ref RateThrottled);
            return SendOutcome.Unavailable("Throttling: Maximum sending rate exceeded.");
        }

        if (roll < throttleFaults)
        {
            Interlocked.Increment(ref InjectedThrottles);
            return SendOutcome.Unavailable("Throttling (injected)");
        }

        if (roll < throttleFaults + serverFaults)
        {
            Interlocked.Increment(ref InjectedServerErrors);
            return SendOutcome.Unavailable("InternalFailure 500 (injected)");
        }

        Accepted.AddOrUpdate(message.To, 1, (_, n) => n + 1);
        var accepted = Interlocked.Increment(ref _accepted);
        if (killEvery > 0 && accepted % killEvery == 0)
        {
            Interlocked.Increment(ref Kills);
            throw new SimulatedCrashException();
        }

        return SendOutcome.Accepted("sim-" + accepted.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
