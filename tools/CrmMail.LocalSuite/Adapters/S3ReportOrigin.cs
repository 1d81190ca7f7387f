using Amazon.S3;
using Amazon.S3.Model;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Reports from the bucket at an AWS endpoint (GetObject, as the origin access control does).</summary>
public sealed class S3ReportOrigin(IAmazonS3 s3, string bucket) : IReportOrigin
{
    /// <inheritdoc />
    public async Task<ReportFile?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new ReportFile(response.ResponseStream, response.ContentLength, response.Headers.ContentType ?? "application/octet-stream");
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
