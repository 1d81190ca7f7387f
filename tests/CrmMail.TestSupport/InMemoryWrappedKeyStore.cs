using System.Collections.Concurrent;
using CrmMail.Signing.Tokens;

namespace CrmMail.TestSupport;

/// <summary>A key registry in memory, shared by several token services to play several containers.</summary>
public sealed class InMemoryWrappedKeyStore : IWrappedKeyStore
{
    private readonly ConcurrentDictionary<string, WrappedDataKey> _keys = new(StringComparer.Ordinal);

    public int Count => _keys.Count;

    public Task PutAsync(WrappedDataKey key, CancellationToken cancellationToken)
        => _keys.TryAdd(key.IdHex, key) ? Task.CompletedTask : throw new InvalidOperationException("duplicate key id");

    public Task<WrappedDataKey?> GetAsync(string idHex, CancellationToken cancellationToken)
        => Task.FromResult(_keys.TryGetValue(idHex, out var key) ? key : null);
}
