using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>The planner's configuration (<see cref="Catalogue.CampaignPlanner"/>), validated at init.</summary>
internal sealed record CampaignPlannerSettings
{
    public required string Region { get; init; }

    public Uri? EndpointOverride { get; init; }

    public required string Table { get; init; }

    public required string Bucket { get; init; }

    public required Uri QueueUrl { get; init; }

    public required int BatchSize { get; init; }

    public required TimeSpan Retention { get; init; }

    /// <summary>Reads <see cref="Catalogue.CampaignPlanner"/>; a problem names its variable.</summary>
    public static CampaignPlannerSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.CampaignPlanner);
        return new CampaignPlannerSettings
        {
            Region = reader.Value(Catalogue.AwsRegion) ?? reader.Text(Catalogue.AwsDefaultRegion),
            EndpointOverride = reader.Value(Catalogue.AwsEndpointUrl) is { } endpoint ? new Uri(endpoint, UriKind.Absolute) : null,
            Table = reader.Text(Catalogue.CampaignsTable),
            Bucket = reader.Text(Catalogue.CampaignBucket),
            QueueUrl = reader.Url(Catalogue.CampaignQueueUrl),
            BatchSize = reader.Int(Catalogue.CampaignBatchSize),
            Retention = TimeSpan.FromDays(reader.Int(Catalogue.CampaignRetentionDays)),
        };
    }
}
