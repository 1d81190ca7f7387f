using System.Text.Json;
using CrmMail.Routes;
using CrmMail.Settings;

namespace CrmMail.Infra.Tests;

/// <summary>The outreach send routes in the synthesized stack: routes, the rate-limit table, grants, environment, alarms.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class OutreachSendStackTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    private (string Id, JsonElement Properties) RateLimitTable()
    {
        var (id, resource) = _template.OfType("AWS::DynamoDB::Table").Single(t => t.Id.StartsWith("StateRateLimits", StringComparison.Ordinal));
        return (id, resource.GetProperty("Properties"));
    }

    // Rule: both send routes (and their preflights) reach OutreachSend, authorised by the Firebase token, not the API key.
    [Fact]
    public void Routes_BothSendRoutesAndPreflightsReachOutreachSendWithoutApiKey()
    {
        var function = _template.Function(FunctionNames.OutreachSend).Id;
        var methods = _template.OfType("AWS::ApiGateway::Method").Select(m => m.Resource.GetProperty("Properties"))
            .Where(m => TemplateJson.References(m.GetProperty("Integration")).Contains(function)).ToList();

        Assert.Equal(["OPTIONS", "OPTIONS", "POST", "POST"], methods.Select(m => m.GetProperty("HttpMethod").GetString()).Order(StringComparer.Ordinal));
        Assert.All(methods, m => Assert.False(m.TryGetProperty("ApiKeyRequired", out var required) && required.GetBoolean()));
        Assert.Equal(4, RouteTable.All.Count(r => r.Function == FunctionNames.OutreachSend));
    }

    // Rule: the rate-limit table is keyed pk with TTL expiresAt, on demand.
    [Fact]
    public void RateLimitTable_HasTtlOnExpiresAt()
    {
        var (_, properties) = RateLimitTable();

        Assert.Equal("expiresAt", properties.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.True(properties.GetProperty("TimeToLiveSpecification").GetProperty("Enabled").GetBoolean());
        Assert.Equal("pk", properties.GetProperty("KeySchema")[0].GetProperty("AttributeName").GetString());
        Assert.Equal("PAY_PER_REQUEST", properties.GetProperty("BillingMode").GetString());
    }

    // Rule: only OutreachSend may touch the rate-limit table, and only with UpdateItem (the conditional ADD).
    [Fact]
    public void RateLimitTable_OnlyOutreachSendUpdatesIt()
    {
        var (table, _) = RateLimitTable();
        foreach (var function in new[] { FunctionNames.SendMail, FunctionNames.Unsubscribe, FunctionNames.AddContact, FunctionNames.MailtoUnsubscribe, FunctionNames.MailgunWebhook, FunctionNames.OutreachSend })
        {
            var actions = _template.Statements(function)
                .Where(s => TemplateJson.References(s.GetProperty("Resource")).Contains(table))
                .SelectMany(s => TemplateJson.Strings(s.GetProperty("Action"))).Order(StringComparer.Ordinal).ToList();

            Assert.Equal(function == FunctionNames.OutreachSend ? ["dynamodb:UpdateItem"] : [], actions);
        }
    }

    // Rule: OutreachSend sends and reads templates only: SendEmail on the identity, GetEmailTemplate on templates, no template writes, no S3, no idempotency table.
    [Fact]
    public void OutreachSend_GrantsAreLeastPrivilege()
    {
        var actions = _template.Statements(FunctionNames.OutreachSend).SelectMany(s => TemplateJson.Strings(s.GetProperty("Action"))).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("ses:SendEmail", actions);
        Assert.Contains("ses:GetEmailTemplate", actions);
        Assert.Contains("kms:GenerateDataKey", actions);
        Assert.DoesNotContain(actions, a => a.StartsWith("s3:", StringComparison.Ordinal));
        Assert.DoesNotContain(actions, a => a is "ses:CreateEmailTemplate" or "ses:UpdateEmailTemplate" or "ses:DeleteEmailTemplate" or "dynamodb:DeleteItem" or "dynamodb:GetItem");
        var template = _template.Statements(FunctionNames.OutreachSend).Single(s => TemplateJson.Strings(s.GetProperty("Action")).Contains("ses:GetEmailTemplate"));
        Assert.Contains(":template/*\"", template.GetProperty("Resource").GetRawText(), StringComparison.Ordinal);
    }

    // Rule: the environment is the catalogue's OutreachSend entry: the table by reference, context values with their defaults written out.
    [Fact]
    public void Environment_ComesFromTheCatalogue()
    {
        var environment = _template.Environment(FunctionNames.OutreachSend);
        var (table, _) = RateLimitTable();

        Assert.Equal([table], TemplateJson.References(environment[Catalogue.RateLimitTable.Name]));
        Assert.Equal("25", environment[Catalogue.OutreachSendRateLimit.Name].GetString());
        Assert.Equal("50", environment[Catalogue.OutreachMaxRecipients.Name].GetString());
        Assert.Equal("https://crm.example.com", environment[Catalogue.CorsAllowedOrigins.Name].GetString());
        Assert.Empty(environment.Keys.Except(Catalogue.OutreachSend.Select(s => s.Name)));
        Assert.DoesNotContain(Catalogue.RateLimitTable.Name, _template.Environment(FunctionNames.SendMail).Keys);
    }

    // Rule: besides errors and throttles, rate-limited requests over 100 an hour raise an alarm on the function's namespace.
    [Fact]
    public void Alarms_ErrorsThrottlesAndRateLimited()
    {
        var alarm = _template.OfType("AWS::CloudWatch::Alarm").Single(a => a.Resource.GetProperty("Properties").TryGetProperty("MetricName", out var m) && m.GetString() == "OutreachRateLimited").Resource.GetProperty("Properties");

        Assert.Equal(100, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal(3600, alarm.GetProperty("Period").GetInt32());
        Assert.Equal(_template.Environment(FunctionNames.OutreachSend)["METRICS_NAMESPACE"].GetString(), alarm.GetProperty("Namespace").GetString());
        Assert.Equal(3, _template.OfType("AWS::CloudWatch::Alarm").Count(a => a.Id.StartsWith(FunctionNames.OutreachSend, StringComparison.Ordinal)));
    }
}
