namespace CrmMail.Campaigns;

/// <summary>An uploaded recipient list as read: its text, or why there is none (missing, too large).</summary>
public sealed record UploadedList(string? Text, bool Missing = false, bool TooLarge = false)
{
    /// <summary>No object under the key.</summary>
    public static UploadedList NotFound { get; } = new(null, Missing: true);

    /// <summary>The object is larger than the limit (it was not read).</summary>
    public static UploadedList Oversized { get; } = new(null, TooLarge: true);
}
