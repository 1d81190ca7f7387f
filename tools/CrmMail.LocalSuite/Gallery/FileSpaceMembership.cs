using System.Text.Json;
using CrmMail.Gallery;

namespace CrmMail.LocalSuite.Gallery;

/// <summary>
/// Space memberships in one JSON file (<c>state/space-members.json</c>, uid → spaces), read on
/// every check so a running <c>serve</c> sees what <c>crm-mail spaces grant|revoke --data</c>
/// wrote, without a restart. Written whole to a temporary file and renamed, so a reader never
/// sees half a file.
/// </summary>
public sealed class FileSpaceMembership(string path) : ISpaceMembershipAdmin
{
    private static readonly Lock Gate = new();

    /// <summary>The file under a data folder.</summary>
    public static FileSpaceMembership In(LocalDataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new FileSpaceMembership(Path.Combine(data.State, "space-members.json"));
    }

    /// <summary>Whether the file exists yet (the sample memberships are written once, on first run).</summary>
    public bool Exists => File.Exists(path);

    /// <inheritdoc />
    public Task<bool> IsMemberAsync(string uid, string spaceId, CancellationToken cancellationToken)
        => Task.FromResult(Read().TryGetValue(uid, out var spaces) && spaces.Contains(spaceId, StringComparer.Ordinal));

    /// <inheritdoc />
    public Task<bool> GrantAsync(string uid, string spaceId, CancellationToken cancellationToken)
        => Task.FromResult(Change(rows =>
        {
            var spaces = rows.TryGetValue(uid, out var found) ? found : rows[uid] = [];
            if (spaces.Contains(spaceId, StringComparer.Ordinal))
            {
                return false;
            }

            spaces.Add(spaceId);
            spaces.Sort(StringComparer.Ordinal);
            return true;
        }));

    /// <inheritdoc />
    public Task<bool> RevokeAsync(string uid, string spaceId, CancellationToken cancellationToken)
        => Task.FromResult(Change(rows =>
        {
            if (!rows.TryGetValue(uid, out var spaces) || !spaces.Remove(spaceId))
            {
                return false;
            }

            if (spaces.Count == 0)
            {
                rows.Remove(uid);
            }

            return true;
        }));

    /// <inheritdoc />
    public Task<IReadOnlyList<SpaceMembership>> ListAsync(string? uid, CancellationToken cancellationToken)
    {
        IReadOnlyList<SpaceMembership> found = [.. Read()
            .Where(r => uid is null || r.Key == uid)
            .SelectMany(r => r.Value.Select(s => new SpaceMembership(r.Key, s)))
            .OrderBy(m => m.Uid, StringComparer.Ordinal).ThenBy(m => m.SpaceId, StringComparer.Ordinal)];
        return Task.FromResult(found);
    }

    private Dictionary<string, List<string>> Read()
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, List<string>>(StringComparer.Ordinal);
        }

        var rows = JsonSerializer.Deserialize(File.ReadAllBytes(path), LocalGalleryJsonContext.Default.DictionaryStringListString);
        return rows is null ? new Dictionary<string, List<string>>(StringComparer.Ordinal) : new Dictionary<string, List<string>>(rows, StringComparer.Ordinal);
    }

    private bool Change(Func<Dictionary<string, List<string>>, bool> change)
    {
        lock (Gate)
        {
            var rows = Read();
            if (!change(rows))
            {
                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(rows, LocalGalleryJsonContext.Default.DictionaryStringListString));
            File.Move(temporary, path, overwrite: true);
            return true;
        }
    }
}
