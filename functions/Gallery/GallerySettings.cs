using CrmMail.Gallery;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Settings;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Functions.Gallery;

/// <summary>The gallery function's configuration (<see cref="Catalogue.Gallery"/>), validated at init.</summary>
internal sealed record GallerySettings
{
    public required string Region { get; init; }

    public Uri? EndpointOverride { get; init; }

    public required string FirebaseProjectId { get; init; }

    public required Uri FirebaseCertificatesUrl { get; init; }

    public required IReadOnlyList<string> CorsAllowedOrigins { get; init; }

    public required string Bucket { get; init; }

    public required string CloudFrontDomain { get; init; }

    public required string CloudFrontPrivateKeySecret { get; init; }

    public required CloudFrontHashAlgorithm? CloudFrontHashAlgorithm { get; init; }

    public required string MembersTable { get; init; }

    public required TimeSpan LinkLifetime { get; init; }

    public required int PageSize { get; init; }

    public required UploadRules Uploads { get; init; }

    public required TimeSpan UploadUrlLifetime { get; init; }

    /// <summary>Reads <see cref="Catalogue.Gallery"/>; a problem names its variable.</summary>
    public static GallerySettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.Gallery);
        var types = reader.Text(Catalogue.GalleryUploadTypes).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct().ToList();
        if (types.Count == 0 || types.Any(t => !UploadRules.KnownTypes.ContainsKey(t)))
        {
            throw new ConfigurationException($"{Catalogue.GalleryUploadTypes.Name} must list types among {string.Join(", ", UploadRules.KnownTypes.Keys)}.");
        }

        return new GallerySettings
        {
            Region = reader.Value(Catalogue.AwsRegion) ?? reader.Text(Catalogue.AwsDefaultRegion),
            EndpointOverride = reader.Value(Catalogue.AwsEndpointUrl) is { } endpoint ? new Uri(endpoint, UriKind.Absolute) : null,
            FirebaseProjectId = reader.Text(Catalogue.FirebaseProjectId),
            FirebaseCertificatesUrl = reader.Url(Catalogue.FirebaseCertsUrl),
            CorsAllowedOrigins = reader.Text(Catalogue.CorsAllowedOrigins).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Bucket = reader.Text(Catalogue.ReportsBucket),
            CloudFrontDomain = reader.Text(Catalogue.CloudFrontDomain),
            CloudFrontPrivateKeySecret = reader.Text(Catalogue.CloudFrontPrivateKeySecret),
            CloudFrontHashAlgorithm = reader.Text(Catalogue.CloudFrontHashAlgorithm) switch
            {
                "sha1" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha1,
                "sha256" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha256,
                _ => null,
            },
            MembersTable = reader.Text(Catalogue.SpaceMembersTable),
            LinkLifetime = TimeSpan.FromSeconds(reader.Int(Catalogue.GalleryUrlTtlSeconds)),
            PageSize = reader.Int(Catalogue.GalleryPageSize),
            Uploads = new UploadRules(types, reader.Int(Catalogue.GalleryUploadMaxBytes)),
            UploadUrlLifetime = TimeSpan.FromSeconds(reader.Int(Catalogue.GalleryUploadUrlTtlSeconds)),
        };
    }
}
