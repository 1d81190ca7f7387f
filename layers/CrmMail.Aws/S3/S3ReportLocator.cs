using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using CrmMail.Mail.Reports;

namespace CrmMail.Aws.S3;

/// <summary>
/// Report files in the private reports bucket (<see cref="Settings.Catalogue.ReportsBucket"/>), checked with HeadObject.
/// Only 404 means missing. Every other failure (403, throttling, 5xx, network, timeout) is
/// <see cref="DependencyUnavailableException"/>, so the caller answers 503 and nothing is
/// sent: without <c>s3:ListBucket</c> S3 answers 403 for a missing object, which cannot be
/// told apart from a real denial, and a report must never be reported missing (422) or the
/// request fail unhandled because of a permission.
/// </summary>
public sealed class S3ReportLocator(IAmazonS3 s3, string bucket) : IReportLocator
{
    /// <inheritdoc />
    public async Task<ReportObject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new ReportObject(key, response.ContentLength);
        }
        catch (AmazonServiceException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonServiceException exception) when (exception.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new DependencyUnavailableException("S3 HeadObject answered 403 (a missing object also answers 403 without s3:ListBucket on the bucket).", exception);
        }
        catch (AmazonServiceException exception)
        {
            throw new DependencyUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"S3 HeadObject failed: HTTP {(int)exception.StatusCode} {exception.ErrorCode}."), exception);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            // Unreachable, or out of its bounded attempts (AwsClients): the deadline itself is not caught.
            throw new DependencyUnavailableException("S3 is unreachable.", exception);
        }
    }
}
