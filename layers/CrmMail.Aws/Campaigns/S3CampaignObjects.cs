using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Campaigns;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;

namespace CrmMail.Aws.Campaigns;

/// <summary>
/// The private campaign bucket: each campaign's content as one JSON object and its recipient
/// list as JSON lines (<c>{"email":"…"}</c> a line), both encrypted at rest by the bucket's
/// default (SSE-KMS in the stack). A missing object is null; every other failure is
/// <see cref="DependencyUnavailableException"/>.
/// </summary>
public sealed class S3CampaignObjects(IAmazonS3 s3, string bucket) : ICampaignObjects
{
    /// <inheritdoc />
    public Task PutContentAsync(string key, CampaignContent content, CancellationToken cancellationToken)
        => PutAsync(key, JsonSerializer.Serialize(content, CampaignJsonContext.Default.CampaignContent), "application/json", cancellationToken);

    /// <inheritdoc />
    public async Task<CampaignContent?> GetContentAsync(string key, CancellationToken cancellationToken)
    {
        var text = await GetAsync(key, cancellationToken).ConfigureAwait(false);
        return text is null ? null : JsonSerializer.Deserialize(text, CampaignJsonContext.Default.CampaignContent);
    }

    /// <inheritdoc />
    public Task PutRecipientsAsync(string key, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var lines = new StringBuilder(recipients.Count * 40);
        foreach (var recipient in recipients)
        {
            lines.Append(JsonSerializer.Serialize(new RecipientLine(recipient), CampaignJsonContext.Default.RecipientLine)).Append('\n');
        }

        return PutAsync(key, lines.ToString(), "application/x-ndjson", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> GetRecipientsAsync(string key, CancellationToken cancellationToken)
    {
        var text = await GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }

        var recipients = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parsed = JsonSerializer.Deserialize(line, CampaignJsonContext.Default.RecipientLine);
            recipients.Add(parsed?.Email ?? throw new FormatException("A recipient line has no email."));
        }

        return recipients;
    }

    private async Task PutAsync(string key, string body, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = body, ContentType = contentType }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonServiceException || DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw Unavailable("PutObject", exception);
        }
    }

    private async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception exception) when (exception is AmazonServiceException || DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw Unavailable("GetObject", exception);
        }
    }

    private static DependencyUnavailableException Unavailable(string what, Exception exception)
        => new(string.Create(CultureInfo.InvariantCulture, $"S3 {what} (campaign) failed: {(exception as AmazonServiceException)?.ErrorCode ?? exception.GetType().Name}."), exception);
}
