using System.Globalization;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Gallery;

/// <summary>
/// The signed URLs of a space. A page of images costs one signature: a custom policy whose
/// resource is the space's prefix with a wildcard (<c>https://DOMAIN/spaces/ID/*</c>), its
/// Policy, Signature and Key-Pair-Id appended to every URL of the page (CloudFront accepts the
/// same triple on any URL the resource matches). An upload URL is signed for its one exact URL,
/// size and type included, so it cannot be reused for another key or other limits.
/// </summary>
public sealed class SpaceLinks
{
    private readonly string _distribution;

    /// <summary>Links under <paramref name="distribution"/> (the distribution's base URL, ending in '/').</summary>
    public SpaceLinks(Uri distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        _distribution = distribution.AbsoluteUri.EndsWith('/') ? distribution.AbsoluteUri : distribution.AbsoluteUri + "/";
    }

    /// <summary>The policy resource that covers every object of a space.</summary>
    public string Wildcard(string spaceId) => _distribution + SpaceId.Prefix(spaceId) + "*";

    /// <summary>The unsigned URL of an object: its key, each segment percent-encoded.</summary>
    public string ObjectUrl(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _distribution + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>
    /// The query (<c>Policy=…&amp;Signature=…&amp;Key-Pair-Id=…</c>) shared by every URL of a space's
    /// page, valid until <paramref name="expires"/>: one signature.
    /// </summary>
    public string SignSpace(CloudFrontUrlSigner signer, string spaceId, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var resource = Wildcard(spaceId);
        var signed = signer.SignCustom(resource, new CloudFrontPolicy(resource, expires));
        return signed[(resource.Length + 1)..];
    }

    /// <summary>
    /// The URL a client PUTs one new object to: the object's URL with the declared size and type
    /// in its query, signed with a custom policy for exactly that URL until <paramref name="expires"/>.
    /// The edge guard compares Content-Length and Content-Type with those two values.
    /// </summary>
    public string SignUpload(CloudFrontUrlSigner signer, string key, long size, string contentType, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var url = UploadUrl(key, size, contentType);
        return signer.SignCustom(url, new CloudFrontPolicy(url, expires));
    }

    /// <summary>The unsigned upload URL: <c>OBJECT-URL?size=N&amp;type=TYPE</c>.</summary>
    public string UploadUrl(string key, long size, string contentType)
        => string.Create(CultureInfo.InvariantCulture, $"{ObjectUrl(key)}?size={size}&type={Uri.EscapeDataString(contentType)}");
}
