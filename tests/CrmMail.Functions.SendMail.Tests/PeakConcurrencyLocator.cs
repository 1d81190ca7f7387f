using CrmMail.Mail.Reports;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>
/// A report locator that records how many lookups are in flight at once. Lookups wait behind
/// a gate the test opens once <see cref="Reached"/> reports <c>threshold</c> lookups in flight
/// together, so the peak is decided by the code under test, not by timing.
/// </summary>
internal sealed class PeakConcurrencyLocator(int threshold) : IReportLocator
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private int _inFlight;

    /// <summary>Completes when <c>threshold</c> lookups are in flight together.</summary>
    public Task Reached => _reached.Task;

    public int Peak { get; private set; }

    public void Open() => _gate.TrySetResult();

    public async Task<ReportObject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _inFlight++;
            Peak = Math.Max(Peak, _inFlight);
            if (_inFlight >= threshold)
            {
                _reached.TrySetResult();
            }
        }

        // A bound below the threshold would wait forever: fail the test instead of hanging it.
        await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        lock (_lock)
        {
            _inFlight--;
        }

        return new ReportObject(key, 100);
    }
}
