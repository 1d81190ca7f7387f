using System.Collections.Concurrent;
using CrmMail.Kernel.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Kernel.Tests.RateLimiting;

public sealed class FixedWindowRateLimiterTests
{
    private static readonly RateLimitPolicy PerMinute = new("outreach-send-email", 3, TimeSpan.FromMinutes(1));

    // 2026-11-23T12:00:20Z: 20 s into a minute window.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_795_435_220));
    private readonly MemoryCounter _counter = new();

    // Rule: the limit-th request passes with 0 remaining, the next is refused with Retry-After up to the window's end.
    [Fact]
    public async Task CheckAsync_PastTheLimit_RefusesUntilTheWindowEnds()
    {
        var sut = new FixedWindowRateLimiter(_counter, _time);

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await sut.CheckAsync(PerMinute, "uid-1", default));
        }

        Assert.Equal([true, true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal([2, 1, 0, 0], decisions.Select(d => d.Remaining));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_435_260), decisions[3].ResetAt);
        Assert.Equal(TimeSpan.FromSeconds(40), decisions[3].RetryAfter);
        Assert.Equal(3, decisions[3].Limit);
    }

    // Rule: a refused request adds nothing: the counter stays at the limit however often the caller retries.
    [Fact]
    public async Task CheckAsync_Refused_DoesNotCount()
    {
        var sut = new FixedWindowRateLimiter(_counter, _time);
        for (var i = 0; i < 10; i++)
        {
            await sut.CheckAsync(PerMinute, "uid-1", default);
        }

        Assert.Equal(3, Assert.Single(_counter.Counts).Value);
    }

    // Rule: the next window starts empty; windows are aligned to the epoch, so every container agrees.
    [Fact]
    public async Task CheckAsync_NextWindow_StartsEmpty()
    {
        var sut = new FixedWindowRateLimiter(_counter, _time);
        for (var i = 0; i < 3; i++)
        {
            await sut.CheckAsync(PerMinute, "uid-1", default);
        }

        _time.Advance(TimeSpan.FromSeconds(40));
        var decision = await sut.CheckAsync(PerMinute, "uid-1", default);

        Assert.True(decision.Allowed);
        Assert.Equal(2, decision.Remaining);
        Assert.Contains("ratelimit#outreach-send-email#uid-1#1795435260", _counter.Counts.Keys);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_435_320), _counter.Expiries["ratelimit#outreach-send-email#uid-1#1795435260"]);
    }

    // Rule: users and policies (routes) have separate counters.
    [Fact]
    public async Task CheckAsync_OtherUserOrOtherRoute_HasItsOwnCounter()
    {
        var sut = new FixedWindowRateLimiter(_counter, _time);
        for (var i = 0; i < 3; i++)
        {
            await sut.CheckAsync(PerMinute, "uid-1", default);
        }

        Assert.True((await sut.CheckAsync(PerMinute, "uid-2", default)).Allowed);
        Assert.True((await sut.CheckAsync(new RateLimitPolicy("outreach-send-template-email", 3, TimeSpan.FromMinutes(1)), "uid-1", default)).Allowed);
    }

    // Rule: Retry-After is whole seconds rounded up, never 0 (a client would retry at once).
    [Fact]
    public async Task CheckAsync_RefusedInTheWindowsLastInstant_RetryAfterIsAtLeastOneSecond()
    {
        var sut = new FixedWindowRateLimiter(_counter, _time);
        _time.Advance(TimeSpan.FromSeconds(39.5));
        for (var i = 0; i < 3; i++)
        {
            await sut.CheckAsync(PerMinute, "uid-1", default);
        }

        var refused = await sut.CheckAsync(PerMinute, "uid-1", default);

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
    }

    // Rule: a policy name cannot contain the key separator, and a window is whole seconds.
    [Fact]
    public void Policy_WithSeparatorOrFractionalWindow_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RateLimitPolicy("a#b", 1, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitPolicy("a", 1, TimeSpan.FromMilliseconds(1500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitPolicy("a", 0, TimeSpan.FromMinutes(1)));
    }

    /// <summary>The adapter contract in memory: increment and check in one atomic step.</summary>
    private sealed class MemoryCounter : IRateLimitCounter
    {
        public ConcurrentDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, DateTimeOffset> Expiries { get; } = new(StringComparer.Ordinal);

        public Task<long?> TryIncrementAsync(string key, long limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            lock (Counts)
            {
                var count = Counts.GetValueOrDefault(key);
                if (count >= limit)
                {
                    return Task.FromResult<long?>(null);
                }

                Counts[key] = count + 1;
                Expiries[key] = expiresAt;
                return Task.FromResult<long?>(count + 1);
            }
        }
    }
}
