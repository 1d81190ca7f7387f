namespace CrmMail.Campaigns;

/// <summary>
/// Recipient lists the CRM uploads to the private campaign bucket itself (bigger than a
/// request can carry): a short-lived presigned PUT for a new key, and reading what was put
/// there. Dependency failures throw <see cref="Kernel.DependencyUnavailableException"/>.
/// </summary>
public interface ICampaignUploads
{
    /// <summary>A URL that accepts one HTTP PUT of the object <paramref name="key"/> until <paramref name="expiresAt"/>.</summary>
    Task<Uri> PresignPutAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The object's text (UTF-8), or a result saying it is missing or larger than <paramref name="maxBytes"/>.</summary>
    Task<UploadedList> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken);
}
