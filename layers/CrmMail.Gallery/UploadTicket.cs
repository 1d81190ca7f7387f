namespace CrmMail.Gallery;

/// <summary>
/// A signed upload: PUT <see cref="Url"/> with exactly these Content-Type and Content-Length
/// headers before <see cref="ExpiresAt"/>; the object lands at <see cref="Key"/>.
/// </summary>
public sealed record UploadTicket(string Key, string Url, string ContentType, long Size, DateTimeOffset ExpiresAt);
