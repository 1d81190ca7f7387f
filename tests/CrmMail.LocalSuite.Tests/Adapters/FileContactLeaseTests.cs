using CrmMail.LocalSuite.Adapters;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.LocalSuite.Tests.Adapters;

public sealed class FileContactLeaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-mail-leases-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Rule: two instances over one file (as two serve processes would be) see each other's
    // leases: one holder at a time, release only by the owner, expiry frees it.
    [Fact]
    public async Task TryAcquireAsync_TwoInstancesOneFile_OneHolderUntilReleaseOrExpiry()
    {
        var path = Path.Combine(_folder, "contact-leases.json");
        var first = new FileContactLease(path, _time);
        var second = new FileContactLease(path, _time);

        Assert.True(await first.TryAcquireAsync("casey@example.com", "a", TimeSpan.FromSeconds(30), default));
        Assert.False(await second.TryAcquireAsync("casey@example.com", "b", TimeSpan.FromSeconds(30), default));
        await second.ReleaseAsync("casey@example.com", "b", default);
        Assert.False(await second.TryAcquireAsync("casey@example.com", "b", TimeSpan.FromSeconds(30), default));

        await first.ReleaseAsync("casey@example.com", "a", default);
        Assert.True(await second.TryAcquireAsync("casey@example.com", "b", TimeSpan.FromSeconds(30), default));

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await first.TryAcquireAsync("casey@example.com", "c", TimeSpan.FromSeconds(30), default));
    }

    // Rule: concurrent takers in one process never both hold the lease.
    [Fact]
    public async Task TryAcquireAsync_ManyConcurrentTakers_ExactlyOneWins()
    {
        var path = Path.Combine(_folder, "contact-leases.json");
        var instances = Enumerable.Range(0, 4).Select(_ => new FileContactLease(path, _time)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => instances[i % 4].TryAcquireAsync("casey@example.com", "owner" + i, TimeSpan.FromSeconds(30), default))));

        Assert.Equal(1, results.Count(r => r));
    }
}
