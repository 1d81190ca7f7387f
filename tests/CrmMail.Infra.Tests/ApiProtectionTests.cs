using System.Text.Json;
using CrmMail.Routes;

namespace CrmMail.Infra.Tests;

/// <summary>The API as AWS enforces it: an optional WAF rate limit, access logs without extra PII, send-mail's body checked by its schema.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class ApiProtectionTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    // Rule: -c wafRateLimit=N puts a REGIONAL web ACL on the API stage whose one rule blocks a source IP above N requests in five minutes to the public routes (unsubscribe and add-contact), and a block answers 429 in the contract's error shape.
    [Fact]
    public void WafRateLimit_RateLimitsThePublicRoutesOnTheStage()
    {
        var template = TemplateJson.Load(StackFixture.Synthesize(new Dictionary<string, object> { ["wafRateLimit"] = "500" }, "CrmMailWaf").TemplatePath);

        var (aclId, acl) = template.OfType("AWS::WAFv2::WebACL").Single();
        var properties = acl.GetProperty("Properties");
        Assert.Equal("REGIONAL", properties.GetProperty("Scope").GetString());
        Assert.True(properties.GetProperty("DefaultAction").TryGetProperty("Allow", out _));
        var rule = Assert.Single(properties.GetProperty("Rules").EnumerateArray());
        Assert.True(rule.GetProperty("Action").TryGetProperty("Block", out _));
        var rate = rule.GetProperty("Statement").GetProperty("RateBasedStatement");
        Assert.Equal(500, rate.GetProperty("Limit").GetInt32());
        Assert.Equal("IP", rate.GetProperty("AggregateKeyType").GetString());
        var paths = rate.GetProperty("ScopeDownStatement").GetProperty("OrStatement").GetProperty("Statements").EnumerateArray()
            .Select(s => s.GetProperty("ByteMatchStatement"))
            .Select(b => (b.GetProperty("PositionalConstraint").GetString(), b.GetProperty("SearchString").GetString()))
            .ToHashSet();
        Assert.Equal(["/financial/add-contact", "/financial/unsubscribe", "/images", "/outreach/campaign-stats", "/outreach/send-email", "/outreach/send-template-email", "/outreach/tracking-data", "/outreach/unsubscribe", "/uploads"], paths.Select(p => p.Item2!).Order(StringComparer.Ordinal));
        Assert.All(paths, p => Assert.Equal("ENDS_WITH", p.Item1));
        Assert.DoesNotContain(paths, p => p.Item2 == "/send-mail" || p.Item2 == "/outreach/webhook");

        var association = template.OfType("AWS::WAFv2::WebACLAssociation").Single().Resource.GetProperty("Properties");
        Assert.Equal([aclId], TemplateJson.References(association.GetProperty("WebACLArn")));
        var stage = template.OfType("AWS::ApiGateway::Stage").Single();
        var api = template.OfType("AWS::ApiGateway::RestApi").Single().Id;
        Assert.Equal([api, stage.Id], TemplateJson.References(association.GetProperty("ResourceArn")).Where(r => !r.StartsWith("AWS", StringComparison.Ordinal)));
        // With the ACL there, cdk-nag's APIG3 is met rather than suppressed.
        Assert.False(stage.Resource.TryGetProperty("Metadata", out var metadata) && metadata.GetRawText().Contains("AwsSolutions-APIG3", StringComparison.Ordinal));

        var blocked = GatewayResponse(template, "WAF_FILTERED");
        Assert.Equal("429", blocked.GetProperty("StatusCode").GetString());
        Assert.Equal("rate_limited", ErrorCode(blocked));
    }

    // Rule: without wafRateLimit the stack has no WAF (and says why in the APIG3 suppression).
    // Rule: WAF matches the end of the request's real path, so a templated route is matched by its literal tail
    // (a request never carries "{spaceId}"), and every firewall-matched route's real request path ends with what WAF looks for.
    [Fact]
    public void MatchedSuffix_EveryRoute_MatchesARealRequestPath()
    {
        // The routes the firewall matches (CrmMailStack's public paths: the Read class); the
        // API-key routes (send-mail, campaigns) are not, and /campaigns/{id} ends in a parameter.
        foreach (var route in CrmMail.Routes.RouteTable.All.Where(r => r.Throttle == CrmMail.Routes.ThrottleClass.Read))
        {
            var real = "/prod" + System.Text.RegularExpressions.Regex.Replace(route.Path, "\\{[^}]+\\}", "demo-a");
            Assert.EndsWith(CrmMail.Infra.Constructs.ApiFirewall.MatchedSuffix(route.Path), real, StringComparison.Ordinal);
            Assert.DoesNotContain("{", CrmMail.Infra.Constructs.ApiFirewall.MatchedSuffix(route.Path), StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentException>(() => CrmMail.Infra.Constructs.ApiFirewall.MatchedSuffix("/spaces/{spaceId}"));
    }

    [Fact]
    public void WafRateLimit_Unset_NoWebAcl()
    {
        Assert.Empty(_template.OfType("AWS::WAFv2::WebACL"));
        Assert.Empty(_template.OfType("AWS::WAFv2::WebACLAssociation"));
    }

    // Rule: a rate limit outside WAF's bounds (10 to 2,000,000,000) or not a number is a one-line synth error.
    [Theory]
    [InlineData("abc")]
    [InlineData("5")]
    [InlineData("-100")]
    public void WafRateLimit_Invalid_FailsSynth(string value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StackFixture.Synthesize(new Dictionary<string, object> { ["wafRateLimit"] = value }, "CrmMailWafBad"));
        Assert.Contains("'wafRateLimit'", error.Message, StringComparison.Ordinal);
    }

    // Rule: the stage's access log is JSON with API Gateway's standard fields plus latencies, API key id, error type, WAF verdict and trace id,
    // nothing more about the caller (no user agent, no IAM caller or user, no query string, no validation error text), to a retained log group with the stack's retention.
    [Fact]
    public void AccessLogs_JsonWithoutPiiBeyondApiGatewayDefaults()
    {
        var setting = _template.OfType("AWS::ApiGateway::Stage").Single().Resource.GetProperty("Properties").GetProperty("AccessLogSetting");
        var format = JsonDocument.Parse(setting.GetProperty("Format").GetString()!).RootElement;
        var fields = format.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(
            ["apiKeyId", "errorType", "httpMethod", "integrationLatency", "ip", "protocol", "requestId", "requestTime", "resourcePath", "responseLatency", "responseLength", "status", "waf", "xrayTraceId"],
            fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("$context.resourcePath", fields["resourcePath"]);
        Assert.Equal("$context.error.responseType", fields["errorType"]);
        foreach (var forbidden in new[] { "userAgent", "identity.user", "identity.caller", "validationErrorString", "context.path", "requestOverride", "input." })
        {
            Assert.DoesNotContain(fields.Values, v => v.Contains(forbidden, StringComparison.Ordinal));
        }

        var logGroupId = TemplateJson.References(setting.GetProperty("DestinationArn")).Single();
        var logGroup = _template.Root.GetProperty("Resources").GetProperty(logGroupId);
        Assert.Equal(fixture.Settings.LogRetentionDays, logGroup.GetProperty("Properties").GetProperty("RetentionInDays").GetInt32());
        Assert.Equal("Retain", logGroup.GetProperty("DeletionPolicy").GetString());
    }

    // Rule: POST /send-mail (only) checks its body against the send-mail model before the function runs, and a refusal answers 400 in the contract's shape with the function's code.
    [Fact]
    public void SendMail_BodyValidatedAgainstItsModel()
    {
        var resources = _template.Root.GetProperty("Resources");
        var methods = _template.OfType("AWS::ApiGateway::Method").Select(m => m.Resource.GetProperty("Properties")).ToList();
        var validated = methods.Where(m => m.TryGetProperty("RequestValidatorId", out _)).ToList();
        var sendMail = Assert.Single(validated);
        Assert.Equal("POST", sendMail.GetProperty("HttpMethod").GetString());
        Assert.True(sendMail.GetProperty("ApiKeyRequired").GetBoolean());
        // The campaign API shares the key, not the model: its body (recipientsS3Key, a larger `to`) is checked by the function.
        Assert.Equal(CrmMail.Infra.StackRoutes.All.Count(r => r.Function == CrmMail.Routes.FunctionNames.SendMail), validated.Count);

        var validator = resources.GetProperty(TemplateJson.References(sendMail.GetProperty("RequestValidatorId")).Single()).GetProperty("Properties");
        Assert.True(validator.GetProperty("ValidateRequestBody").GetBoolean());
        Assert.True(validator.GetProperty("ValidateRequestParameters").GetBoolean());
        var model = resources.GetProperty(TemplateJson.References(sendMail.GetProperty("RequestModels").GetProperty("application/json")).Single()).GetProperty("Properties");
        Assert.Equal("application/json", model.GetProperty("ContentType").GetString());
        Assert.Equal("http://json-schema.org/draft-04/schema#", model.GetProperty("Schema").GetProperty("$schema").GetString());

        var refused = GatewayResponse(_template, "BAD_REQUEST_BODY");
        Assert.Equal("400", refused.GetProperty("StatusCode").GetString());
        Assert.Equal("validation_failed", ErrorCode(refused));
    }

    // Rule: request validation is real, so cdk-nag's APIG2 (REST API without request validation) is met, suppressed nowhere.
    [Fact]
    public void Nag_RequestValidationIsMetNotSuppressed()
        => Assert.DoesNotContain(_template.Root.GetProperty("Resources").EnumerateObject(), r => r.Value.TryGetProperty("Metadata", out var metadata) && metadata.GetRawText().Contains("AwsSolutions-APIG2", StringComparison.Ordinal));

    private static JsonElement GatewayResponse(TemplateJson template, string type)
        => template.OfType("AWS::ApiGateway::GatewayResponse").Select(r => r.Resource.GetProperty("Properties")).Single(r => r.GetProperty("ResponseType").GetString() == type);

    /// <summary>The error code of a gateway response body, which must parse as the contract's <c>{"error":{code,message}}</c>.</summary>
    private static string ErrorCode(JsonElement response)
    {
        var body = JsonDocument.Parse(response.GetProperty("ResponseTemplates").GetProperty("application/json").GetString()!).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        return body.GetProperty("code").GetString()!;
    }
}
