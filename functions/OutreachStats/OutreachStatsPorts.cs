using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Identity;
using CrmMail.Inbound.Stats;
using CrmMail.Kernel.RateLimiting;

namespace CrmMail.Functions.OutreachStats;

/// <summary>
/// The adapters the stats routes run over: the AWS ones in Lambda (<see cref="ForAws"/>), local
/// ones in <c>crm-mail serve</c>. Everything else is <see cref="OutreachStatsComposition"/>'s.
/// </summary>
internal sealed record OutreachStatsPorts
{
    public required IFirebaseCertificateSource FirebaseCertificates { get; init; }

    /// <summary>The per-campaign, per-day counters (read only).</summary>
    public required ICampaignStatsReader Stats { get; init; }

    /// <summary>The provider events (read only).</summary>
    public required IDeliveryEventReader Events { get; init; }

    /// <summary>Per-user counters shared by every container.</summary>
    public required IRateLimitCounter RateLimits { get; init; }

    /// <summary>Where EMF metric lines go (standard output in Lambda).</summary>
    public TextWriter MetricsOutput { get; init; } = Console.Out;

    public required TimeProvider Time { get; init; }

    /// <summary>The AWS adapters named by <paramref name="settings"/>.</summary>
    public static OutreachStatsPorts ForAws(OutreachStatsSettings settings, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var aws = settings.Subscriptions;
        var dynamo = AwsClients.DynamoDb(aws.Region, aws.EndpointOverride);
        return new OutreachStatsPorts
        {
            FirebaseCertificates = new HttpFirebaseCertificateSource(http, settings.FirebaseCertificatesUrl, time),
            Stats = new DynamoDbCampaignStatsReader(dynamo, settings.CampaignStatsTable),
            Events = new DynamoDbDeliveryEventReader(dynamo, settings.EventsTable),
            RateLimits = new DynamoDbRateLimitCounter(dynamo, settings.RateLimitTable),
            Time = time,
        };
    }
}
