using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Aws.SesV2;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;
using CrmMail.Subscriptions;
using Microsoft.AspNetCore.StaticFiles;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Every contact, for the contacts page.</summary>
public interface IContactDirectory
{
    /// <summary>All contacts, ordered by address.</summary>
    Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A report file as the CloudFront stand-in's origin returns it.</summary>
public sealed record ReportFile(Stream Content, long Length, string ContentType);

/// <summary>The distribution's origin: the reports folder locally, the bucket at an AWS endpoint.</summary>
public interface IReportOrigin
{
    /// <summary>The object, or null when there is none.</summary>
    Task<ReportFile?> OpenAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Reports from the local folder.</summary>
public sealed class FolderReportOrigin(LocalDataDirectory data) : IReportOrigin
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <inheritdoc />
    public Task<ReportFile?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var path = data.ReportPath(key);
        if (path is null || !File.Exists(path))
        {
            return Task.FromResult<ReportFile?>(null);
        }

        var type = ContentTypes.TryGetContentType(path, out var found) ? found : "application/octet-stream";
        var stream = File.OpenRead(path);
        return Task.FromResult<ReportFile?>(new ReportFile(stream, stream.Length, type));
    }
}

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

/// <summary>The contact list at an SES endpoint: ListContacts for the addresses, GetContact for each.</summary>
public sealed class SesContactDirectory(SesV2Client client, IContactList contacts, string contactListName) : IContactDirectory
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<Contact>();
        await foreach (var listed in client.ListAllContactsAsync(contactListName, null, cancellationToken).ConfigureAwait(false))
        {
            if (listed.EmailAddress is { } email && await contacts.GetAsync(email, cancellationToken).ConfigureAwait(false) is { } contact)
            {
                result.Add(contact);
            }
        }

        return [.. result.OrderBy(c => c.Email, StringComparer.Ordinal)];
    }
}

/// <summary>Sends through the real transport and, once it accepted, files a copy in the outbox for the pages.</summary>
public sealed class CopyToOutboxTransport(IMailTransport transport, Outbox outbox) : IMailTransport
{
    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var outcome = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (outcome.Sent)
        {
            await outbox.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
