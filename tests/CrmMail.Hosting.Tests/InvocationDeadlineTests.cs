using CrmMail.Hosting;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.TestUtilities;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Hosting.Tests;

public class InvocationDeadlineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Token_ThreeSecondsLeft_FiresAtRemainingTimeMinusTheMargin()
    {
        // Rule: the work stops at RemainingTime − (audit reserve + answer reserve), not at Lambda's own timeout.
        using var sut = InvocationDeadline.Start(new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(3) }, _time);

        _time.Advance(TimeSpan.FromSeconds(3) - InvocationDeadline.Margin - TimeSpan.FromMilliseconds(1));
        Assert.False(sut.Token.IsCancellationRequested);
        Assert.False(sut.IsExpired);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sut.Token.IsCancellationRequested);
        Assert.True(sut.IsExpired);
        Assert.Equal(TimeSpan.FromSeconds(1.5), sut.Budget);
    }

    [Fact]
    public void WrapUpToken_ThreeSecondsLeft_FiresOnlyWhenTheAnswersReserveIsLeft()
    {
        // Rule: bookkeeping after the work (the audit slice, releasing a key) still has until RemainingTime − answer reserve.
        using var sut = InvocationDeadline.Start(new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(3) }, _time);

        _time.Advance(TimeSpan.FromSeconds(3) - InvocationDeadline.AnswerReserve - TimeSpan.FromMilliseconds(1));
        Assert.True(sut.IsExpired);
        Assert.False(sut.WrapUpToken.IsCancellationRequested);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sut.WrapUpToken.IsCancellationRequested);
    }

    [Fact]
    public void Start_LessThanTheMarginLeft_IsExpiredAtOnce()
    {
        // Rule: an invocation that arrives with less than the margin left starts no dependency call.
        using var sut = InvocationDeadline.Start(new TestLambdaContext { RemainingTime = TimeSpan.FromMilliseconds(800) }, _time);

        Assert.True(sut.Token.IsCancellationRequested);
        Assert.False(sut.WrapUpToken.IsCancellationRequested);
        Assert.Equal(TimeSpan.Zero, sut.Budget);
    }

    [Fact]
    public void Explains_OnlyACancellationAfterTheDeadline()
    {
        // Rule: only the deadline's own cancellation becomes "dependency unavailable"; other exceptions stay what they are.
        using var sut = InvocationDeadline.Start(new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(10) }, _time);
        Assert.False(sut.Explains(new OperationCanceledException()));

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(sut.Explains(new TaskCanceledException()));
        Assert.False(sut.Explains(new InvalidOperationException()));
    }
}
