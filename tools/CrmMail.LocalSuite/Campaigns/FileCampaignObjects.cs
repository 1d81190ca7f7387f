using System.Text;
using System.Text.Json;
using CrmMail.Campaigns;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// The private campaign bucket as files under the data folder's <c>campaigns/</c>: the content
/// as one JSON file and the recipient list as JSON lines, in S3CampaignObjects' formats. Keys
/// are checked (no rooted paths, no <c>..</c>), so a key never leaves the folder.
/// </summary>
internal sealed class FileCampaignObjects(string folder) : ICampaignObjects
{
    /// <inheritdoc />
    public async Task PutContentAsync(string key, CampaignContent content, CancellationToken cancellationToken)
        => await WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(content, CampaignJsonContext.Default.CampaignContent), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<CampaignContent?> GetContentAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return File.Exists(path) ? JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), CampaignJsonContext.Default.CampaignContent) : null;
    }

    /// <inheritdoc />
    public async Task PutRecipientsAsync(string key, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var lines = new StringBuilder(recipients.Count * 40);
        foreach (var recipient in recipients)
        {
            lines.Append(JsonSerializer.Serialize(new RecipientLine(recipient), CampaignJsonContext.Default.RecipientLine)).Append('\n');
        }

        await WriteAsync(key, Encoding.UTF8.GetBytes(lines.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> GetRecipientsAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        var recipients = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (line.Length > 0 && JsonSerializer.Deserialize(line, CampaignJsonContext.Default.RecipientLine) is { Email: { } email })
            {
                recipients.Add(email);
            }
        }

        return recipients;
    }

    private async Task WriteAsync(string key, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file of <paramref name="key"/> (the upload stand-in writes uploaded lists there too); refuses a key that would leave the folder.</summary>
    public string PathOf(string key)
    {
        if (string.IsNullOrEmpty(key) || Path.IsPathRooted(key) || key.Split('/').Any(part => part is "" or "." or "..") || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            throw new ArgumentException("Not a campaign object key.", nameof(key));
        }

        return Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
