using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// A table of <typeparamref name="TValue"/> by string key kept in one JSON file: read at start,
/// rewritten whole (temporary file, then rename) after every change, one writer at a time.
/// Small and slow by design: it holds a developer's handful of contacts, not production data.
/// </summary>
internal sealed class JsonFileTable<TValue>
    where TValue : class
{
    private readonly string _path;
    private readonly JsonTypeInfo<Dictionary<string, TValue>> _typeInfo;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TValue> _rows;

    public JsonFileTable(string path, JsonTypeInfo<Dictionary<string, TValue>> typeInfo)
    {
        _path = path;
        _typeInfo = typeInfo;
        _rows = File.Exists(path)
            ? JsonSerializer.Deserialize(File.ReadAllBytes(path), typeInfo) ?? new Dictionary<string, TValue>(StringComparer.Ordinal)
            : new Dictionary<string, TValue>(StringComparer.Ordinal);
    }

    public TValue? Get(string key)
    {
        lock (_gate)
        {
            return _rows.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<TValue> All()
    {
        lock (_gate)
        {
            return [.. _rows.Values];
        }
    }

    /// <summary>Runs <paramref name="change"/> under the table's lock and saves when it returns true.</summary>
    public T Update<T>(Func<Dictionary<string, TValue>, (bool Changed, T Result)> change)
    {
        lock (_gate)
        {
            var (changed, result) = change(_rows);
            if (changed)
            {
                var temporary = _path + ".tmp";
                File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(_rows, _typeInfo));
                File.Move(temporary, _path, overwrite: true);
            }

            return result;
        }
    }
}
