namespace CrmMail.Gallery;

/// <summary>One stored object: its key, size in bytes and last modification.</summary>
public sealed record StoredImage(string Key, long Size, DateTimeOffset LastModified);
