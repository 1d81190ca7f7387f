using CrmMail.Mail.Reports;

namespace CrmMail.Gallery;

/// <summary>
/// POST /spaces/{spaceId}/uploads: checks the caller (<see cref="GalleryAccess"/>), the declared
/// type and size (<see cref="UploadRules"/>), chooses a new key (<see cref="ObjectNames"/>) and
/// signs one PUT URL for it (<see cref="SpaceLinks.SignUpload"/>).
/// </summary>
public sealed class UploadFlow(GalleryAccess access, UploadRules rules, ICloudFrontSignerSource signers, SpaceLinks links, TimeSpan urlLifetime, TimeProvider timeProvider)
{
    /// <summary>Signs an upload of <paramref name="size"/> bytes of <paramref name="contentType"/> named <paramref name="fileName"/>.</summary>
    public async Task<UploadOutcome> RunAsync(string? bearer, string? spaceId, string? fileName, string? contentType, long? size, CancellationToken cancellationToken)
    {
        var check = await access.CheckAsync(bearer, spaceId, cancellationToken).ConfigureAwait(false);
        if (check.Status != GalleryStatus.Granted)
        {
            return new UploadOutcome(check.Status, check.Reason, check.Message, null);
        }

        if (!rules.TryAllow(contentType, out var type, out var extension))
        {
            return new UploadOutcome(GalleryStatus.BadRequest, "unsupported_content_type", "contentType must be one of the allowed image types.", null, rules.AllowedTypes);
        }

        if (size is not { } bytes || bytes < 1)
        {
            return new UploadOutcome(GalleryStatus.BadRequest, "invalid_size", "size must be the file's length in bytes (a positive integer).", null);
        }

        if (bytes > rules.MaxBytes)
        {
            return new UploadOutcome(GalleryStatus.BadRequest, "too_large", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"An upload is at most {rules.MaxBytes} bytes."), null);
        }

        var now = timeProvider.GetUtcNow();
        var key = ObjectNames.NewUploadKey(spaceId!, fileName, extension, now);
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + urlLifetime).ToUnixTimeSeconds());
        var signer = await signers.GetAsync(cancellationToken).ConfigureAwait(false);
        return new UploadOutcome(GalleryStatus.Granted, null, null, new UploadTicket(key, links.SignUpload(signer, key, bytes, type, expires), type, bytes, expires));
    }
}
