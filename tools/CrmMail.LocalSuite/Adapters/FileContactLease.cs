using System.Text.Json;
using CrmMail.Subscriptions;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// Contact leases in <c>state/contact-leases.json</c>, with the DynamoDB adapter's rules (taken
/// when free or expired, released only by the owner). Safe within the process (a lock) and
/// across processes sharing the data folder: every change reads and rewrites the file while
/// holding an exclusive lock on <c>contact-leases.json.lock</c> (FileShare.None, an OS file lock).
/// </summary>
public sealed class FileContactLease(string path, TimeProvider timeProvider) : IContactLease
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public Task<bool> TryAcquireAsync(string contactKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
        => UpdateAsync(
            leases =>
            {
                var now = timeProvider.GetUtcNow();
                if (leases.TryGetValue(contactKey, out var held) && held.ExpiresAt >= now)
                {
                    return (false, false);
                }

                leases[contactKey] = new StoredLease(owner, now + duration);
                return (true, true);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string contactKey, string owner, CancellationToken cancellationToken)
        => UpdateAsync(leases => leases.TryGetValue(contactKey, out var held) && held.Owner == owner ? (leases.Remove(contactKey), true) : (false, false), cancellationToken);

    private async Task<bool> UpdateAsync(Func<Dictionary<string, StoredLease>, (bool Changed, bool Result)> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            var leases = File.Exists(path)
                ? JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), LocalJsonContext.Default.DictionaryStringStoredLease) ?? new(StringComparer.Ordinal)
                : new Dictionary<string, StoredLease>(StringComparer.Ordinal);
            var (changed, result) = change(leases);
            if (changed)
            {
                var temporary = path + ".tmp";
                await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(leases, LocalJsonContext.Default.DictionaryStringStoredLease), cancellationToken).ConfigureAwait(false);
                File.Move(temporary, path, overwrite: true);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        // Real time, not the injected clock: this waits for another process's file handle.
        var deadline = Environment.TickCount64 + (long)LockWait.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
