using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmMail.Campaigns;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// The presigned PUT of S3CampaignUploads, stood in for by serve: the URL names the object key,
/// its expiry (unix seconds) and an HMAC-SHA256 of both under the data folder's upload key, and
/// <see cref="CampaignUploadEndpoints"/> answers the PUT, writing the body into
/// <see cref="FileCampaignObjects"/>' folder under the same key, so the API then reads it as
/// from the bucket. Only a URL this serve signed, before its expiry, is accepted.
/// </summary>
internal sealed class LocalCampaignUploads(FileCampaignObjects objects, byte[] signingKey, Uri baseUrl, TimeProvider time) : ICampaignUploads
{
    /// <summary>Where the stand-in's bucket answers PUTs (under serve's root).</summary>
    public const string PathPrefix = "/campaign-bucket/";

    /// <inheritdoc />
    public Task<Uri> PresignPutAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _ = objects.PathOf(key);
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var url = new Uri(baseUrl, PathPrefix.TrimStart('/') + key + "?expires=" + expires + "&signature=" + Signature(key, expires));
        return Task.FromResult(url);
    }

    /// <inheritdoc />
    public async Task<UploadedList> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        var path = objects.PathOf(key);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return UploadedList.NotFound;
        }

        if (file.Length > maxBytes)
        {
            return UploadedList.Oversized;
        }

        return new UploadedList(await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// True when <paramref name="signature"/> is this serve's signature of the key and expiry
    /// (compared in constant time) and the expiry has not passed.
    /// </summary>
    public bool Verify(string key, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(key, expires));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) && time.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>Writes an accepted upload under <paramref name="key"/> (replacing one there, as a PUT does).</summary>
    public async Task WriteAsync(string key, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var path = objects.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".upload";
        try
        {
            var file = File.Create(temporary);
            await using (file.ConfigureAwait(false))
            {
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string Signature(string key, string expires)
        => Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(key + "\n" + expires)));
}
