using CrmMail.Aws.Composition;
using CrmMail.Aws.Gallery;
using CrmMail.Aws.Http;
using CrmMail.Gallery;
using CrmMail.Identity;
using CrmMail.Mail.Reports;

namespace CrmMail.Functions.Gallery;

/// <summary>The adapters the gallery runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones in <c>crm-mail serve</c>.</summary>
internal sealed record GalleryPorts
{
    public required ISpaceMembership Membership { get; init; }

    public required IImageStore Images { get; init; }

    public required ICloudFrontSignerSource Signer { get; init; }

    /// <summary>The distribution's base URL the links point at (https:// and the CloudFront domain in AWS).</summary>
    public required Uri Distribution { get; init; }

    public required IFirebaseCertificateSource FirebaseCertificates { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>DynamoDB memberships, the S3 bucket, the signing key from Secrets Manager and Google's certificates.</summary>
    public static GalleryPorts ForAws(GallerySettings settings, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var secrets = new SecretsManagerClient(http, settings.Region, settings.EndpointOverride, new DefaultAwsCredentialsSource(), time);
        return new GalleryPorts
        {
            Membership = new DynamoDbSpaceMembership(AwsClients.DynamoDb(settings.Region, settings.EndpointOverride), settings.MembersTable, time),
            Images = new S3ImageStore(AwsClients.S3(settings.Region, settings.EndpointOverride), settings.Bucket),
            Signer = new SecretsManagerCloudFrontSignerSource(secrets, settings.CloudFrontPrivateKeySecret, settings.CloudFrontHashAlgorithm, time),
            Distribution = new Uri("https://" + settings.CloudFrontDomain + "/"),
            FirebaseCertificates = new HttpFirebaseCertificateSource(http, settings.FirebaseCertificatesUrl, time),
            Time = time,
        };
    }
}
