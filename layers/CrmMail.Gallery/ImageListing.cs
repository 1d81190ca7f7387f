namespace CrmMail.Gallery;

/// <summary>A page of objects and whether more follow.</summary>
public sealed record ImageListing(IReadOnlyList<StoredImage> Items, bool IsTruncated);
