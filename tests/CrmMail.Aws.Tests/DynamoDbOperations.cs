using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace CrmMail.Aws.Tests;

/// <summary>
/// Counts the DynamoDB operations a client sends to moto, by name (from <c>X-Amz-Target</c>), with
/// their bodies: how a test asserts "one conditional request" or "Query, never Scan" at the HTTP
/// level, which no stand-in's answer can show.
/// </summary>
internal sealed class DynamoDbOperations : DelegatingHandler
{
    private DynamoDbOperations()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>The operations sent, in order, e.g. <c>DynamoDB_20120810.UpdateItem</c>.</summary>
    public List<string> Operations { get; } = [];

    /// <summary>The request bodies, in the same order.</summary>
    public List<string> Bodies { get; } = [];

    /// <summary>A client of <paramref name="fixture"/>'s moto whose every request is counted by the returned recorder.</summary>
    public static (AmazonDynamoDBClient Client, DynamoDbOperations Calls) Client(MotoFixture fixture)
    {
        var calls = new DynamoDbOperations();
        var client = new AmazonDynamoDBClient(MotoFixture.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = fixture.Moto.Url.ToString(),
            AuthenticationRegion = CrmMail.Tests.Shared.MotoServer.Region,
            HttpClientFactory = new HandlerFactory(calls),
        });
        return (client, calls);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Operations)
        {
            Operations.Add(request.Headers.TryGetValues("X-Amz-Target", out var target) ? target.Single() : "?");
            Bodies.Add(body);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
