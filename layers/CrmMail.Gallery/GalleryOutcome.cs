namespace CrmMail.Gallery;

/// <summary>
/// What <see cref="GalleryFlow.RunAsync"/> answered: a page of images with the token of the next
/// page and the instant every URL of the page expires, or a refusal's reason and message.
/// </summary>
public sealed record GalleryOutcome(GalleryStatus Status, string? Reason, string? Message, IReadOnlyList<GalleryImage> Images, string? NextToken, DateTimeOffset? ExpiresAt)
{
    internal static GalleryOutcome Refused(GalleryStatus status, string reason, string message) => new(status, reason, message, [], null, null);
}
