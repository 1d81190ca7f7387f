using System.Collections.Concurrent;
using CrmMail.Campaigns;

namespace CrmMail.TestSupport;

/// <summary>The campaign bucket in memory.</summary>
public sealed class InMemoryCampaignObjects : ICampaignObjects
{
    public ConcurrentDictionary<string, CampaignContent> Contents { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, IReadOnlyList<string>> Lists { get; } = new(StringComparer.Ordinal);

    public Task PutContentAsync(string key, CampaignContent content, CancellationToken cancellationToken)
    {
        Contents[key] = content;
        return Task.CompletedTask;
    }

    public Task<CampaignContent?> GetContentAsync(string key, CancellationToken cancellationToken)
        => Task.FromResult(Contents.GetValueOrDefault(key));

    public Task PutRecipientsAsync(string key, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        Lists[key] = [.. recipients];
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>?> GetRecipientsAsync(string key, CancellationToken cancellationToken)
        => Task.FromResult(Lists.GetValueOrDefault(key));
}
