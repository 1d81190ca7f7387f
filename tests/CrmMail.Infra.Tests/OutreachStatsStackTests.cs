using CrmMail.Routes;

namespace CrmMail.Infra.Tests;

/// <summary>The outreach stats routes in the synthesized stack: routes, read-only grants, alarms.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class OutreachStatsStackTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    // Rule: both stats routes (and their preflights) reach OutreachStats, authorised by the Firebase token, not the API key.
    [Fact]
    public void Routes_BothStatsRoutesAndPreflightsReachOutreachStatsWithoutApiKey()
    {
        var function = _template.Function(FunctionNames.OutreachStats).Id;
        var methods = _template.OfType("AWS::ApiGateway::Method").Select(m => m.Resource.GetProperty("Properties"))
            .Where(m => TemplateJson.References(m.GetProperty("Integration")).Contains(function)).ToList();

        Assert.Equal(["GET", "GET", "OPTIONS", "OPTIONS"], methods.Select(m => m.GetProperty("HttpMethod").GetString()).Order(StringComparer.Ordinal));
        Assert.All(methods, m => Assert.False(m.TryGetProperty("ApiKeyRequired", out var required) && required.GetBoolean()));
    }

    // Rule: the stats role can read DynamoDB only by Query (never Scan, GetItem or a write), apart from its own rate-limit counter's UpdateItem.
    [Fact]
    public void Role_ReadsDynamoDbByQueryOnly()
    {
        var actions = _template.Statements(FunctionNames.OutreachStats)
            .SelectMany(s => TemplateJson.Strings(s.GetProperty("Action")))
            .Where(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(["dynamodb:Query", "dynamodb:UpdateItem"], actions);
    }

    // Rule: besides errors and throttles, the function alarms on more than 100 rate-limited requests an hour.
    [Fact]
    public void Alarms_ErrorsThrottlesAndRateLimited()
    {
        var alarms = _template.OfType("AWS::CloudWatch::Alarm").Where(a => a.Id.StartsWith(FunctionNames.OutreachStats, StringComparison.Ordinal)).ToList();

        Assert.Equal(3, alarms.Count);
        var rateLimited = alarms.Single(a => a.Resource.GetProperty("Properties").TryGetProperty("MetricName", out var m) && m.GetString() == "OutreachStatsRateLimited");
        Assert.Equal(100, rateLimited.Resource.GetProperty("Properties").GetProperty("Threshold").GetDouble());
    }
}
