using System.Text.Json;

namespace CrmMail.Infra.Tests;

/// <summary>
/// Rules the real services enforce that the local stand-ins do not (README, "What the stand-ins
/// forgive"), asserted on the synthesized template instead.
/// </summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class StandInGapContractTests(StackFixture fixture)
{
    // API Gateway (REST) ends every Lambda integration at 29 s; serve's stand-in waits for ever.
    private const int ApiGatewayIntegrationLimitSeconds = 29;

    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    // Rule: API Gateway answers 504 at 29 s whatever the function does, so every function an API
    // method invokes must time out (and answer its own 503) before that, and no integration may
    // ask for more than the 29 s API Gateway allows.
    [Fact]
    public void ApiFunctions_TimeoutBelowApiGatewaysIntegrationLimit()
    {
        var integrations = _template.OfType("AWS::ApiGateway::Method")
            .Select(m => m.Resource.GetProperty("Properties"))
            .Where(m => m.TryGetProperty("Integration", out var integration) && integration.GetProperty("Type").GetString() == "AWS_PROXY")
            .Select(m => m.GetProperty("Integration"))
            .ToList();
        var functions = _template.OfType("AWS::Lambda::Function").ToDictionary(f => f.Id, f => f.Resource.GetProperty("Properties"));
        var invoked = integrations.SelectMany(TemplateJson.References).Where(functions.ContainsKey).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(invoked);
        Assert.All(invoked, id => Assert.True(
            functions[id].GetProperty("Timeout").GetInt32() < ApiGatewayIntegrationLimitSeconds,
            $"{id} times out after {functions[id].GetProperty("Timeout").GetInt32()} s, not before API Gateway's {ApiGatewayIntegrationLimitSeconds} s"));
        Assert.All(integrations, integration => Assert.True(
            !integration.TryGetProperty("TimeoutInMillis", out var millis) || millis.GetInt32() <= ApiGatewayIntegrationLimitSeconds * 1000,
            "an integration asks for more than API Gateway's 29 s"));
    }

    // Rule: moto never deletes an expired item; DynamoDB does, but only where TTL is on the
    // attribute the stores write (expiresAt, epoch seconds). Every table whose items carry
    // expiresAt has TTL on it, and the audit trail, kept for good, has no TTL at all.
    [Theory]
    [InlineData("StateTokenKeys", true)]       // DynamoDbWrappedKeyStore
    [InlineData("StateIdempotency", true)]     // DynamoDbIdempotencyStore, DynamoDbMailgunReplayGuard
    [InlineData("StateEvents", true)]          // DynamoDbDeliveryEventStore, DynamoDbMailgunEventStore
    [InlineData("StateCampaignStats", true)]   // DynamoDbCampaignCounters' unique markers
    [InlineData("StateContactLeases", true)]   // DynamoDbContactLease
    [InlineData("StateRateLimits", true)]      // DynamoDbRateLimitCounter
    [InlineData("StateAudit", false)]
    public void Tables_WhoseStoresWriteExpiresAt_HaveTtlOnItAndTheAuditHasNone(string logicalIdPrefix, bool expires)
    {
        var properties = _template.OfType("AWS::DynamoDB::Table").Single(t => t.Id.StartsWith(logicalIdPrefix, StringComparison.Ordinal)).Resource.GetProperty("Properties");

        if (expires)
        {
            var ttl = properties.GetProperty("TimeToLiveSpecification");
            Assert.Equal("expiresAt", ttl.GetProperty("AttributeName").GetString());
            Assert.True(ttl.GetProperty("Enabled").GetBoolean());
        }
        else
        {
            Assert.False(
                properties.TryGetProperty("TimeToLiveSpecification", out var ttl) && ttl.GetProperty("Enabled").ValueKind == JsonValueKind.True,
                "the audit table must never expire its rows");
        }
    }
}
