namespace CrmMail.Gallery;

/// <summary>The objects under a space's prefix (S3 ListObjectsV2 in AWS, a folder locally), in key order.</summary>
public interface IImageStore
{
    /// <summary>
    /// Up to <paramref name="maxKeys"/> objects under <paramref name="prefix"/> whose keys sort
    /// after <paramref name="startAfter"/> (ordinal, as S3 orders keys); an outage throws
    /// DependencyUnavailableException.
    /// </summary>
    Task<ImageListing> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken);
}
