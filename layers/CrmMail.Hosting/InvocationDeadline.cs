using CrmMail.Kernel;
using CrmMail.Lambda.Core;

namespace CrmMail.Hosting;

/// <summary>
/// One invocation's time budget as tokens. Lambda (and API Gateway at 29 s) stops waiting at
/// <see cref="ILambdaContext.RemainingTime"/>; the work must stop earlier, so that the audit row
/// of a change already made and the answer itself still fit:
/// <see cref="Token"/> fires at RemainingTime − (<see cref="AuditReserve"/> + <see cref="AnswerReserve"/>)
/// and is passed to every dependency call; <see cref="WrapUpToken"/> fires at
/// RemainingTime − <see cref="AnswerReserve"/> and bounds the bookkeeping after the work
/// (releasing an idempotency key). A cancellation with <see cref="IsExpired"/> set is an
/// outage like any other: 503 with Retry-After, or a thrown event so Lambda retries.
/// </summary>
public sealed class InvocationDeadline : IDisposable
{
    private readonly CancellationTokenSource _work;
    private readonly CancellationTokenSource _wrapUp;

    private InvocationDeadline(TimeSpan remaining, TimeProvider timeProvider)
    {
        Budget = remaining - Margin > TimeSpan.Zero ? remaining - Margin : TimeSpan.Zero;
        _work = Source(Budget, timeProvider);
        _wrapUp = Source(remaining - AnswerReserve, timeProvider);
    }

    /// <summary>Time kept for serialising the answer and handing it back: 500 ms.</summary>
    public static TimeSpan AnswerReserve { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Time kept for the audit write of a change made just before the deadline (the audit trail
    /// gives each write this slice of its own): 1 s, many times a DynamoDB transaction's latency.
    /// </summary>
    public static TimeSpan AuditReserve => Reserves.Audit;

    /// <summary>What the work leaves of RemainingTime: <see cref="AuditReserve"/> + <see cref="AnswerReserve"/>.</summary>
    public static TimeSpan Margin => AuditReserve + AnswerReserve;

    /// <summary>The time the work was given (zero when the invocation arrived with less than the margin left).</summary>
    public TimeSpan Budget { get; }

    /// <summary>Cancelled when the work's time is up; every dependency call takes it.</summary>
    public CancellationToken Token => _work.Token;

    /// <summary>Cancelled when only the answer's reserve is left; for bookkeeping after the work.</summary>
    public CancellationToken WrapUpToken => _wrapUp.Token;

    /// <summary>Whether the work's time is up.</summary>
    public bool IsExpired => _work.IsCancellationRequested;

    /// <summary>Starts the budget from the context's remaining time, on the real clock unless a test passes another.</summary>
    public static InvocationDeadline Start(ILambdaContext context, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new InvocationDeadline(context.RemainingTime, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Whether <paramref name="exception"/> is this deadline firing (so: answer as for an outage).</summary>
    public bool Explains(Exception exception) => exception is OperationCanceledException && IsExpired;

    /// <inheritdoc />
    public void Dispose()
    {
        _work.Dispose();
        _wrapUp.Dispose();
    }

    private static CancellationTokenSource Source(TimeSpan delay, TimeProvider timeProvider)
    {
        if (delay <= TimeSpan.Zero)
        {
            var spent = new CancellationTokenSource();
            spent.Cancel();
            return spent;
        }

        return new CancellationTokenSource(delay, timeProvider);
    }
}
