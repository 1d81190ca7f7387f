namespace CrmMail.Gallery;

/// <summary>The result of <see cref="GalleryAccess.CheckAsync"/>: granted with the caller's uid, or a refusal's status, reason and message.</summary>
public sealed record AccessCheck(GalleryStatus Status, string? Reason, string? Message, string? Uid)
{
    internal static AccessCheck Deny(GalleryStatus status, string reason, string message) => new(status, reason, message, null);
}
