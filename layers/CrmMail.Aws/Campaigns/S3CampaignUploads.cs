using System.Globalization;
using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Campaigns;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;

namespace CrmMail.Aws.Campaigns;

/// <summary>
/// Uploaded recipient lists in the private campaign bucket: a SigV4-presigned PUT (AWSSDK.S3,
/// signed locally with the function's credentials; no request is made) and a size-checked
/// read (HeadObject first, so an oversized object is refused without being downloaded).
/// </summary>
public sealed class S3CampaignUploads(IAmazonS3 s3, string bucket) : ICampaignUploads
{
    /// <inheritdoc />
    public async Task<Uri> PresignPutAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = key,
                Verb = HttpVerb.PUT,
                Expires = expiresAt.UtcDateTime,
                // The SDK presigns https by default; a local endpoint (moto, serve) speaks the
                // scheme its ServiceURL names.
                Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            }).ConfigureAwait(false);
            return new Uri(url);
        }
        catch (Exception exception) when (exception is AmazonClientException or AmazonServiceException || DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            // Presigning reads the credentials (a container's first call may fetch them).
            throw Unavailable("presign", exception);
        }
    }

    /// <inheritdoc />
    public async Task<UploadedList> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            if (head.ContentLength > maxBytes)
            {
                return UploadedList.Oversized;
            }

            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > maxBytes)
            {
                // Replaced between the two calls.
                return UploadedList.Oversized;
            }

            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            return new UploadedList(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return UploadedList.NotFound;
        }
        catch (Exception exception) when (exception is AmazonServiceException || DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw Unavailable("GetObject", exception);
        }
    }

    private static DependencyUnavailableException Unavailable(string what, Exception exception)
        => new(string.Create(CultureInfo.InvariantCulture, $"S3 {what} (campaign upload) failed: {(exception as AmazonServiceException)?.ErrorCode ?? exception.GetType().Name}."), exception);
}
