using CrmMail.Subscriptions.Audit;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Subscriptions.Tests.Audit;

/// <summary>The audit wire names (what rows and logs are searched by) and the in-process lease's rules.</summary>
public class AuditNamesAndLeaseTests
{
    // Rule: each action has its own wire name, and the name parses back to it.
    [Theory]
    [InlineData(AuditAction.Add, "add")]
    [InlineData(AuditAction.Remove, "remove")]
    [InlineData(AuditAction.Update, "update")]
    [InlineData(AuditAction.Unsubscribe, "unsubscribe")]
    [InlineData(AuditAction.Resubscribe, "resubscribe")]
    [InlineData(AuditAction.Suppress, "suppress")]
    public void Action_NameRoundTrips(AuditAction action, string name)
    {
        Assert.Equal(name, AuditNames.Of(action));
        Assert.Equal(action, AuditNames.ParseAction(name));
    }

    // Rule: each source has its own wire name, and the name parses back to it.
    [Theory]
    [InlineData(AuditSource.Get, "get")]
    [InlineData(AuditSource.Post, "post")]
    [InlineData(AuditSource.Mailto, "mailto")]
    [InlineData(AuditSource.Webhook, "webhook")]
    [InlineData(AuditSource.AddContact, "add-contact")]
    [InlineData(AuditSource.SendGate, "send-gate")]
    public void Source_NameRoundTrips(AuditSource source, string name)
    {
        Assert.Equal(name, AuditNames.Of(source));
        Assert.Equal(source, AuditNames.ParseSource(name));
    }

    // Rule: an unknown name or value is an error, never a default (a row must not change meaning when read back).
    [Fact]
    public void UnknownNamesAndValues_AreErrors()
    {
        Assert.Throws<FormatException>(() => AuditNames.ParseAction("Unsubscribe"));
        Assert.Throws<FormatException>(() => AuditNames.ParseSource("POST"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditNames.Of((AuditAction)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditNames.Of((AuditSource)99));
    }

    // Rule: a lease is held until its expiry instant inclusive, and free the tick after.
    [Fact]
    public async Task TryAcquireAsync_HeldUntilExpiryInclusive()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var sut = new InProcessContactLease(time);

        Assert.True(await sut.TryAcquireAsync("a@example.com", "one", TimeSpan.FromSeconds(30), default));
        Assert.False(await sut.TryAcquireAsync("a@example.com", "two", TimeSpan.FromSeconds(30), default));
        Assert.True(await sut.TryAcquireAsync("b@example.com", "two", TimeSpan.FromSeconds(30), default));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await sut.TryAcquireAsync("a@example.com", "two", TimeSpan.FromSeconds(30), default));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(await sut.TryAcquireAsync("a@example.com", "two", TimeSpan.FromSeconds(30), default));
    }

    // Rule: only the owner releases a lease; anyone else's release leaves it held.
    [Fact]
    public async Task ReleaseAsync_OnlyByTheOwner()
    {
        var sut = new InProcessContactLease(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)));
        await sut.TryAcquireAsync("a@example.com", "one", TimeSpan.FromSeconds(30), default);

        await sut.ReleaseAsync("a@example.com", "two", default);
        Assert.False(await sut.TryAcquireAsync("a@example.com", "two", TimeSpan.FromSeconds(30), default));

        await sut.ReleaseAsync("a@example.com", "one", default);
        Assert.True(await sut.TryAcquireAsync("a@example.com", "two", TimeSpan.FromSeconds(30), default));
    }
}
