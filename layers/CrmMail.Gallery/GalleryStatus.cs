namespace CrmMail.Gallery;

/// <summary>What a gallery or upload request came to.</summary>
public enum GalleryStatus
{
    /// <summary>Answered: a page of images, or an upload URL.</summary>
    Granted = 0,

    /// <summary>The request is malformed (space id, page token, upload fields).</summary>
    BadRequest = 1,

    /// <summary>No or an invalid credential.</summary>
    Unauthorized = 2,

    /// <summary>Not a member of the space, or no such space: one answer for both.</summary>
    Forbidden = 3,
}
