using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Signing;
using CrmMail.Signing.Resilience;
using CrmMail.Mail.Reports;

namespace CrmMail.Aws.S3;

/// <summary>Report files in the private reports bucket (<c>REPORTS_BUCKET</c>), checked with HeadObject.</summary>
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
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception exception) when ((int)exception.StatusCode is 429 or 503 or >= 500)
        {
            throw new DependencyUnavailableException("S3 HeadObject failed: " + exception.ErrorCode, exception);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            // Unreachable, or out of its bounded attempts (AwsClients): the deadline itself is not caught.
            throw new DependencyUnavailableException("S3 is unreachable.", exception);
        }
    }
}
