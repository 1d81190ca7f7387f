using CrmMail.Aws.CloudWatch;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Subscriptions.Tests;

/// <summary>
/// Two containers change one contact at once. Every write lands when the test says so, on a
/// fake clock, so the interleaving that lost opt-outs (the second write landing after the first
/// change was confirmed by its read-back) is played exactly, every run.
/// </summary>
public sealed class SubscriptionServiceInterleavingTests
{
    private const string Address = "casey@example.com";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAuditLog _audit = new();
    private readonly GatedContactList _contacts = new();

    // Rule: with any delay between two containers' writes, both opt-outs survive and every
    // audit row that claims a change describes the contact as it ends.
    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(80)]
    [InlineData(500)]
    public async Task UnsubscribeAsync_TwoContainersTwoTopics_BothOptOutsSurviveAndAuditIsTrue(int secondWriteAfterMs)
    {
        await _contacts.CreateAsync(Address, [], false, default);
        var leases = new InProcessContactLease(_time);
        var first = Container(leases);
        var second = Container(leases);

        var financial = first.UnsubscribeAsync(Address, Topics.Financial, Context("f"), default);
        var outreach = second.UnsubscribeAsync(Address, Topics.Outreach, Context("o"), default);

        var firstWrite = await PumpUntilAsync(() => _contacts.TryTakeWrite(out var w) ? w : null);
        firstWrite.Land();
        var landedAt = _time.GetUtcNow();

        // The order that lost the financial opt-out: the second write lands only after the
        // first change has finished (read back and all), and at least the given time later.
        await PumpUntilAsync(() => financial.IsCompleted || outreach.IsCompleted ? (object?)true : null);
        var secondWrite = await PumpUntilAsync(() => _contacts.TryTakeWrite(out var w) ? w : null);
        var wait = landedAt + TimeSpan.FromMilliseconds(secondWriteAfterMs) - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            _time.Advance(wait);
        }

        secondWrite.Land();
        await PumpUntilAsync(() =>
        {
            // Any further write (a re-application) lands at once.
            while (_contacts.TryTakeWrite(out var more))
            {
                more.Land();
            }

            return financial.IsCompleted && outreach.IsCompleted ? (object?)true : null;
        });

        var changes = new[] { await financial, await outreach };
        var contact = _contacts[Address]!;
        Assert.False(contact.IsSubscribed(Topics.Financial), "financial opt-out lost");
        Assert.False(contact.IsSubscribed(Topics.Outreach), "outreach opt-out lost");
        Assert.All(changes, c => Assert.True(c.Changed));
        Assert.Equal(2, _audit.Rows.Count);
        Assert.All(_audit.Rows, row =>
        {
            Assert.Equal(Address, row.Email);
            Assert.True(!row.Changed || row.Topics.All(t => !contact.IsSubscribed(t)), $"audit row claims {string.Join(',', row.Topics)} changed, but it was overwritten");
        });
    }

    private SubscriptionService Container(IContactLease leases)
        => new(_contacts, new AuditTrail(_audit, new LogAuditFallback(new TestLambdaLogger(), new EmfMetrics(TextWriter.Null, _time, "CrmMail"), new PiiHasher(new byte[16]))), _time, leases);

    private static AuditContext Context(string id) => new() { EventId = id, Source = AuditSource.Post, RequestId = id };

    // Advances the fake clock in small steps, letting the services run between steps, until the
    // condition holds. Real time only bounds a hang; it decides nothing.
    private async Task<T> PumpUntilAsync<T>(Func<T?> condition)
        where T : class
    {
        for (var i = 0; i < 20_000; i++)
        {
            if (condition() is { } value)
            {
                return value;
            }

            await Task.Delay(1);
            if (condition() is { } settled)
            {
                return settled;
            }

            _time.Advance(Step);
        }

        throw new TimeoutException("No progress: a change is stuck.");
    }
}
