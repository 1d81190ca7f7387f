namespace CrmMail.Gallery;

/// <summary>One image of a gallery page: the object key, a display name, size, last modification and its signed URL.</summary>
public sealed record GalleryImage(string Key, string Name, long Size, DateTimeOffset LastModified, string Url);
