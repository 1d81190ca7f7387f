using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Gallery;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;

namespace CrmMail.Aws.Gallery;

/// <summary>
/// A space's objects from S3: one ListObjectsV2 per page on the space's prefix, resumed with
/// StartAfter (the page token carries the last key, checked to lie in the space). Every failure
/// is <see cref="DependencyUnavailableException"/>: the caller answers 503 and may retry.
/// </summary>
public sealed class S3ImageStore(IAmazonS3 s3, string bucket) : IImageStore
{
    /// <inheritdoc />
    public async Task<ImageListing> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = prefix,
                StartAfter = startAfter,
                MaxKeys = maxKeys,
            }, cancellationToken).ConfigureAwait(false);
            var items = (response.S3Objects ?? []).Select(o => new StoredImage(o.Key, o.Size ?? 0, o.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch)).ToList();
            return new ImageListing(items, response.IsTruncated == true);
        }
        catch (AmazonServiceException exception)
        {
            throw new DependencyUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"S3 ListObjectsV2 failed: HTTP {(int)exception.StatusCode} {exception.ErrorCode}."), exception);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw new DependencyUnavailableException("S3 is unreachable.", exception);
        }
    }
}
