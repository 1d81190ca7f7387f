using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.Campaigns.Tests;

public sealed class CampaignsSettingsTests
{
    private static readonly Dictionary<string, string> Full = new(StringComparer.Ordinal)
    {
        [Catalogue.AwsRegion.Name] = "eu-west-1",
        [Catalogue.AwsEndpointUrl.Name] = "http://127.0.0.1:5000/",
        [Catalogue.ReportsBucket.Name] = "reports",
        [Catalogue.CloudFrontDomain.Name] = "d111111abcdef8.cloudfront.net",
        [Catalogue.CloudFrontPrivateKeySecret.Name] = "cloudfront-key",
        [Catalogue.IdempotencyTable.Name] = "idempotency",
        [Catalogue.CampaignsTable.Name] = "campaigns",
        [Catalogue.CampaignBucket.Name] = "dn-campaigns",
        [Catalogue.CampaignQueueUrl.Name] = "https://sqs.eu-west-1.amazonaws.com/123456789012/campaigns",
        [Catalogue.CampaignPlanQueueUrl.Name] = "https://sqs.eu-west-1.amazonaws.com/123456789012/campaign-plans",
    };

    // Rule: Load asks for every variable of the function's catalogue entry (both region branches), so the stack sets nothing it does not read.
    [Fact]
    public void Load_ReadsExactlyItsCatalogueEntry()
    {
        var read = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var values in new[] { Full, new Dictionary<string, string>(Full.Where(p => p.Key != Catalogue.AwsRegion.Name), StringComparer.Ordinal) { [Catalogue.AwsDefaultRegion.Name] = "eu-west-1" } })
        {
            _ = CampaignsSettings.Load(new Recording(values, read));
        }

        Assert.Equal(Catalogue.Campaigns.Select(s => s.Name).Order(StringComparer.Ordinal), read);
    }

    // Rule: the plan queue is required: without it no campaign could reach the planner, so the function refuses to start.
    [Fact]
    public void Load_NoPlanQueue_ThrowsNamingTheVariable()
    {
        var values = new Dictionary<string, string>(Full.Where(p => p.Key != Catalogue.CampaignPlanQueueUrl.Name), StringComparer.Ordinal);

        var error = Assert.ThrowsAny<Exception>(() => CampaignsSettings.Load(new DictionaryEnvironmentVariables(values)));

        Assert.Contains("CAMPAIGN_PLAN_QUEUE_URL", error.Message, StringComparison.Ordinal);
    }

    private sealed class Recording(Dictionary<string, string> values, ISet<string> read) : IEnvironmentVariables
    {
        public string? GetEnvironmentVariable(string name)
        {
            read.Add(name);
            return values.GetValueOrDefault(name);
        }
    }
}
