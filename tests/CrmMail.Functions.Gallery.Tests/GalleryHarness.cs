using CrmMail.Aws.Gallery;
using CrmMail.Identity;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.LocalSuite.CloudFront;
using CrmMail.Settings;
using CrmMail.Signing.CloudFront;
using CrmMail.Tests.Shared;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.Gallery.Tests;

/// <summary>
/// The gallery handler as it is composed in Lambda (settings from the catalogue's names, the
/// DynamoDB and S3 adapters against moto), signing with the shared fixture key, Firebase tokens
/// from a local issuer, and the CloudFront stand-in trusting the fixture's public key.
/// </summary>
internal sealed class GalleryHarness : IDisposable
{
    public const string Domain = "d111111abcdef8.cloudfront.net";
    public const string KeyPairId = "KGALLERYTEST";

    private readonly HttpClient _http = new();

    public GalleryHarness(GalleryMoto moto, IReadOnlyDictionary<string, string>? overrides = null)
    {
        Moto = moto;
        var environment = new Dictionary<string, string>
        {
            [Catalogue.FirebaseProjectId.Name] = FirebaseTestIssuer.ProjectId,
            [Catalogue.ReportsBucket.Name] = GalleryMoto.Bucket,
            [Catalogue.CloudFrontDomain.Name] = Domain,
            [Catalogue.CloudFrontPrivateKeySecret.Name] = "unused:fixture-key",
            [Catalogue.SpaceMembersTable.Name] = GalleryMoto.Table,
            [Catalogue.AwsDefaultRegion.Name] = "us-east-1",
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        Settings = GallerySettings.Load(new DictionaryEnvironmentVariables(environment));
        Signer = new CloudFrontUrlSigner(CloudFrontSigningKey.FromPem(KeyPairId, File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pem"))), Time);
        Membership = new DynamoDbSpaceMembership(moto.DynamoDb, GalleryMoto.Table, Time);
        Handler = GalleryComposition.Build(Settings, new GalleryPorts
        {
            Membership = Membership,
            Images = new S3ImageStore(moto.S3, GalleryMoto.Bucket),
            Signer = new FixedSignerSource(Signer),
            Distribution = new Uri("https://" + Domain + "/"),
            FirebaseCertificates = new HttpFirebaseCertificateSource(_http, Issuer.Url, Time),
            Time = Time,
        });
        Edge = new SignedUrlVerifier(new Dictionary<string, string> { [KeyPairId] = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-public-key.pem")) }, Time);
    }

    public GalleryMoto Moto { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public FirebaseTestIssuer Issuer { get; } = new();

    public GallerySettings Settings { get; }

    public CloudFrontUrlSigner Signer { get; }

    public DynamoDbSpaceMembership Membership { get; }

    public GalleryHandler Handler { get; }

    /// <summary>The CloudFront stand-in: what the edge decides about a URL.</summary>
    public SignedUrlVerifier Edge { get; }

    public string Token(string uid) => Issuer.Mint(c =>
    {
        c["user_id"] = uid;
        c["sub"] = uid;
    }, now: Time.GetUtcNow());

    public Task<APIGatewayProxyResponse> ListAsync(string spaceId, string? bearer, string? nextToken = null)
        => Handler.HandleAsync(Request("GET", $"/spaces/{{spaceId}}/images", spaceId, bearer, query: nextToken is null ? null : new Dictionary<string, string> { ["nextToken"] = nextToken }), new CrmMail.Lambda.TestUtilities.TestLambdaContext());

    public Task<APIGatewayProxyResponse> UploadAsync(string spaceId, string? bearer, string body)
        => Handler.HandleAsync(Request("POST", $"/spaces/{{spaceId}}/uploads", spaceId, bearer, body), new CrmMail.Lambda.TestUtilities.TestLambdaContext());

    /// <summary>What the CloudFront stand-in decides about <paramref name="url"/> (an https URL on <see cref="Domain"/>).</summary>
    public SignedUrlRejection AtEdge(string url)
    {
        var uri = new Uri(url);
        return Edge.Verify(uri.Scheme, uri.Authority, uri.AbsolutePath, uri.Query, System.Net.IPAddress.Loopback);
    }

    public void Dispose()
    {
        Issuer.Dispose();
        _http.Dispose();
    }

    private static APIGatewayProxyRequest Request(string method, string resource, string spaceId, string? bearer, string? body = null, IDictionary<string, string>? query = null)
    {
        var headers = new Dictionary<string, string>();
        if (bearer is not null)
        {
            headers["Authorization"] = "Bearer " + bearer;
        }

        var request = ApiEvents.Build(method, resource, query, body, headers);
        return new APIGatewayProxyRequest
        {
            Resource = request.Resource,
            Path = resource.Replace("{spaceId}", spaceId, StringComparison.Ordinal),
            HttpMethod = request.HttpMethod,
            Headers = request.Headers,
            MultiValueHeaders = request.MultiValueHeaders,
            QueryStringParameters = request.QueryStringParameters,
            MultiValueQueryStringParameters = request.MultiValueQueryStringParameters,
            PathParameters = new Dictionary<string, string> { ["spaceId"] = spaceId },
            RequestContext = request.RequestContext,
            Body = request.Body,
            IsBase64Encoded = request.IsBase64Encoded,
        };
    }
}
