using CrmMail.Signing.Tokens;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>The data-key registry in <c>state/token-keys.json</c>.</summary>
public sealed class FileWrappedKeyStore(string path) : IWrappedKeyStore
{
    private readonly JsonFileTable<WrappedDataKey> _table = new(path, LocalJsonContext.Default.DictionaryStringWrappedDataKey);

    /// <inheritdoc />
    public Task PutAsync(WrappedDataKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var added = _table.Update(rows => rows.TryAdd(key.IdHex, key) ? (true, true) : (false, false));
        return added ? Task.CompletedTask : throw new InvalidOperationException($"Data key {key.IdHex} exists already.");
    }

    /// <inheritdoc />
    public Task<WrappedDataKey?> GetAsync(string idHex, CancellationToken cancellationToken) => Task.FromResult(_table.Get(idHex));
}
