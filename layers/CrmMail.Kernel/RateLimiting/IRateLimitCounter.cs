namespace CrmMail.Kernel.RateLimiting;

/// <summary>
/// Fixed-window counters shared by every container (DynamoDB in AWS and under
/// <c>crm-mail serve --aws-endpoint</c>, a file locally). The port <see cref="FixedWindowRateLimiter"/>
/// counts through; an adapter must make the increment and the limit check one atomic step, so
/// two containers can never both take the last slot.
/// </summary>
public interface IRateLimitCounter
{
    /// <summary>
    /// Adds one to the counter <paramref name="key"/> unless it already holds
    /// <paramref name="limit"/>, and returns the new count; null when the window is full (nothing
    /// is added). <paramref name="expiresAt"/> is when the counter may be deleted (its window is
    /// over). A store that cannot be reached throws <see cref="DependencyUnavailableException"/>.
    /// </summary>
    Task<long?> TryIncrementAsync(string key, long limit, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
