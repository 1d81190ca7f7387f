using CrmMail.Mail.Reports;

namespace CrmMail.Gallery;

/// <summary>
/// GET /spaces/{spaceId}/images: checks the caller (<see cref="GalleryAccess"/>), lists one page
/// of the space's objects and signs the page once (<see cref="SpaceLinks.SignSpace"/>).
/// </summary>
public sealed class GalleryFlow(GalleryAccess access, IImageStore images, ICloudFrontSignerSource signers, SpaceLinks links, TimeSpan linkLifetime, int pageSize, TimeProvider timeProvider)
{
    /// <summary>Lists the page of <paramref name="spaceId"/> after <paramref name="nextToken"/>.</summary>
    public async Task<GalleryOutcome> RunAsync(string? bearer, string? spaceId, string? nextToken, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(bearer, spaceId, cancellationToken).ConfigureAwait(false);
        if (check.Status != GalleryStatus.Granted)
        {
            return GalleryOutcome.Refused(check.Status, check.Reason!, check.Message!);
        }

        var prefix = SpaceId.Prefix(spaceId!);
        string? startAfter = null;
        if (nextToken is not null)
        {
            if (!PageToken.TryDecode(nextToken, prefix, out var key))
            {
                return GalleryOutcome.Refused(GalleryStatus.BadRequest, "invalid_next_token", "nextToken is not a token this API gave out for this space.");
            }

            startAfter = key;
        }

        var listing = await images.ListAsync(prefix, startAfter, pageSize, cancellationToken).ConfigureAwait(false);
        // Whole seconds: the policy's AWS:EpochTime is what CloudFront enforces.
        var expires = DateTimeOffset.FromUnixTimeSeconds((timeProvider.GetUtcNow() + linkLifetime).ToUnixTimeSeconds());
        var signer = await signers.GetAsync(cancellationToken).ConfigureAwait(false);
        var query = links.SignSpace(signer, spaceId!, expires);
        var page = listing.Items
            .Where(i => i.Key.Length > prefix.Length && !i.Key.EndsWith('/'))
            .Select(i => new GalleryImage(i.Key, ObjectNames.DisplayName(i.Key, prefix), i.Size, i.LastModified, links.ObjectUrl(i.Key) + "?" + query))
            .ToList();
        var next = listing.IsTruncated && listing.Items.Count > 0 ? PageToken.Encode(listing.Items[^1].Key) : null;
        return new GalleryOutcome(GalleryStatus.Granted, null, null, page, next, expires);
    }
}
