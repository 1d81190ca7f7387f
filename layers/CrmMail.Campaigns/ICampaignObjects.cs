namespace CrmMail.Campaigns;

/// <summary>
/// The private campaign bucket (S3 in AWS, never behind CloudFront): each campaign's content
/// and its recipient list. Dependency failures throw <see cref="Kernel.DependencyUnavailableException"/>.
/// </summary>
public interface ICampaignObjects
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>.</summary>
    Task PutContentAsync(string key, CampaignContent content, CancellationToken cancellationToken);

    /// <summary>The content under <paramref name="key"/>, or null when there is none.</summary>
    Task<CampaignContent?> GetContentAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a recipient list (JSON lines) under <paramref name="key"/>.</summary>
    Task PutRecipientsAsync(string key, IReadOnlyList<string> recipients, CancellationToken cancellationToken);

    /// <summary>The recipient list under <paramref name="key"/> in order, or null when there is none.</summary>
    Task<IReadOnlyList<string>?> GetRecipientsAsync(string key, CancellationToken cancellationToken);
}
