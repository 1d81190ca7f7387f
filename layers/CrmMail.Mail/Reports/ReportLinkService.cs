using CrmMail.Mail.Validation;

namespace CrmMail.Mail.Reports;

/// <summary>
/// Checks that every requested report exists (HeadObject, at most
/// <paramref name="maxConcurrentChecks"/> at once) and signs one CloudFront URL per report,
/// once per request: the same links go to every recipient.
/// <paramref name="distributionBaseUrl"/> is <c>https://</c> and the CloudFront domain in AWS and the
/// CloudFront stand-in's URL in local runs (<c>crm-mail serve</c>).
/// </summary>
public sealed class ReportLinkService(IReportLocator locator, ICloudFrontSignerSource signers, ReportKeyTemplate template, Uri distributionBaseUrl, TimeSpan linkLifetime, TimeProvider timeProvider, int maxConcurrentChecks = ReportLinkService.DefaultMaxConcurrentChecks)
{
    /// <summary>HeadObject calls in flight per request: enough to hide latency, few enough not to trip S3 or the connection pool.</summary>
    public const int DefaultMaxConcurrentChecks = 8;

    private readonly string _baseUrl = (distributionBaseUrl ?? throw new ArgumentNullException(nameof(distributionBaseUrl))).AbsoluteUri.TrimEnd('/');

    /// <summary>The links, or the custom ids whose reports are missing (then nothing is signed).</summary>
    public async Task<(IReadOnlyList<ReportLink> Links, IReadOnlyList<string> Missing)> BuildAsync(ReportSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var keys = selection.CustomIds.Select(id => (Id: id, Key: template.Key(selection.Year, selection.Month, id))).ToList();
        var found = new ReportObject?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = maxConcurrentChecks, CancellationToken = cancellationToken },
            async (i, token) => found[i] = await locator.FindAsync(keys[i].Key, token).ConfigureAwait(false)).ConfigureAwait(false);
        var missing = keys.Where((_, i) => found[i] is null).Select(k => k.Id).ToList();
        if (missing.Count > 0)
        {
            return ([], missing);
        }

        var signer = await signers.GetAsync(cancellationToken).ConfigureAwait(false);
        var expires = timeProvider.GetUtcNow() + linkLifetime;
        var links = keys.Select((k, i) =>
        {
            var url = signer.SignCanned($"{_baseUrl}/{k.Key}", expires);
            return new ReportLink(k.Id, k.Key[(k.Key.LastIndexOf('/') + 1)..], found[i]!.Size, new Uri(url), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
        }).ToList();
        return (links, []);
    }
}
