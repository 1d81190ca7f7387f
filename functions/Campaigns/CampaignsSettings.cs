using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Reports;
using CrmMail.Settings;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Functions.Campaigns;

/// <summary>The campaign API's configuration (<see cref="Catalogue.Campaigns"/>), validated at init.</summary>
internal sealed record CampaignsSettings
{
    /// <summary>How long a presigned upload URL works.</summary>
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The largest uploaded list read (bytes): 100,000 rows of long addresses and a few ids each.</summary>
    public const long MaxListBytes = 64L * 1024 * 1024;

    /// <summary>Rows a recipients page holds.</summary>
    public const int PageSize = 100;

    public required string Region { get; init; }

    public Uri? EndpointOverride { get; init; }

    public required int MaxRecipients { get; init; }

    public required int ListMaxRecipients { get; init; }

    public required int MaxBodyBytes { get; init; }

    public required int MaxReports { get; init; }

    public required string ReportsBucket { get; init; }

    public required ReportKeyTemplate ReportKeyTemplate { get; init; }

    public required string CloudFrontDomain { get; init; }

    public required string CloudFrontPrivateKeySecret { get; init; }

    public required CloudFrontHashAlgorithm? CloudFrontHashAlgorithm { get; init; }

    public required TimeSpan SignedUrlLifetime { get; init; }

    public required string IdempotencyTable { get; init; }

    public required string Table { get; init; }

    public required string Bucket { get; init; }

    public required Uri QueueUrl { get; init; }

    public required Uri PlanQueueUrl { get; init; }

    public required TimeSpan Retention { get; init; }

    /// <summary>Reads <see cref="Catalogue.Campaigns"/>; a problem names its variable.</summary>
    public static CampaignsSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.Campaigns);
        return new CampaignsSettings
        {
            Region = reader.Value(Catalogue.AwsRegion) ?? reader.Text(Catalogue.AwsDefaultRegion),
            EndpointOverride = reader.Value(Catalogue.AwsEndpointUrl) is { } endpoint ? new Uri(endpoint, UriKind.Absolute) : null,
            MaxRecipients = reader.Int(Catalogue.CampaignMaxRecipients),
            ListMaxRecipients = reader.Int(Catalogue.CampaignListMaxRecipients),
            MaxBodyBytes = reader.Int(Catalogue.SendMailMaxBodyBytes),
            MaxReports = reader.Int(Catalogue.SendMailMaxReports),
            ReportsBucket = reader.Text(Catalogue.ReportsBucket),
            ReportKeyTemplate = ReportKeyTemplate.Parse(reader.Text(Catalogue.ReportKeyTemplate)),
            CloudFrontDomain = reader.Text(Catalogue.CloudFrontDomain),
            CloudFrontPrivateKeySecret = reader.Text(Catalogue.CloudFrontPrivateKeySecret),
            CloudFrontHashAlgorithm = reader.Text(Catalogue.CloudFrontHashAlgorithm) switch
            {
                "sha1" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha1,
                "sha256" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha256,
                _ => null,
            },
            SignedUrlLifetime = TimeSpan.FromDays(reader.Int(Catalogue.SignedUrlTtlDays)),
            IdempotencyTable = reader.Text(Catalogue.IdempotencyTable),
            Table = reader.Text(Catalogue.CampaignsTable),
            Bucket = reader.Text(Catalogue.CampaignBucket),
            QueueUrl = reader.Url(Catalogue.CampaignQueueUrl),
            PlanQueueUrl = reader.Url(Catalogue.CampaignPlanQueueUrl),
            Retention = TimeSpan.FromDays(reader.Int(Catalogue.CampaignRetentionDays)),
        };
    }
}
