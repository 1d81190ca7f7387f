using System.Text.Json;

namespace CrmMail.Infra.Tests;

/// <summary>Alarms reach someone, cover the audit fallback and the report links, and one dashboard shows the suite.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class AlarmTests(StackFixture fixture)
{
    // Rule: alarmEmail subscribes that address to the alarm topic every alarm notifies.
    [Fact]
    public void AlarmEmail_SubscribesToTheTopicEveryAlarmNotifies()
    {
        var template = TemplateJson.Load(StackFixture.Synthesize(new Dictionary<string, object> { ["alarmEmail"] = "ops@example.com" }).TemplatePath);
        var topic = template.OfType("AWS::SNS::Topic").Single(t => t.Id.StartsWith("AlarmTopic", StringComparison.Ordinal)).Id;
        var subscription = template.OfType("AWS::SNS::Subscription").Select(s => s.Resource.GetProperty("Properties")).Single(s => s.GetProperty("Protocol").GetString() == "email");
        Assert.Equal("email", subscription.GetProperty("Protocol").GetString());
        Assert.Equal("ops@example.com", subscription.GetProperty("Endpoint").GetString());
        Assert.Equal([topic], TemplateJson.References(subscription.GetProperty("TopicArn")));
        Assert.All(template.OfType("AWS::CloudWatch::Alarm"), a => Assert.Equal([topic], TemplateJson.References(a.Resource.GetProperty("Properties").GetProperty("AlarmActions"))));
    }

    // Rule: alarmTopicArn sends every alarm to that existing topic, and the stack creates no topic of its own.
    [Fact]
    public void AlarmTopicArn_EveryAlarmGoesToTheExistingTopic()
    {
        const string arn = "arn:aws:sns:eu-west-1:123456789012:ops-pager";
        var template = TemplateJson.Load(StackFixture.Synthesize(new Dictionary<string, object> { ["alarmTopicArn"] = arn }).TemplatePath);
        Assert.DoesNotContain(template.OfType("AWS::SNS::Topic"), t => t.Id.StartsWith("AlarmTopic", StringComparison.Ordinal));
        Assert.All(template.OfType("AWS::CloudWatch::Alarm"), a => Assert.Equal(arn, a.Resource.GetProperty("Properties").GetProperty("AlarmActions")[0].GetString()));
    }

    // Rule: bad alarm targets are one-line synth errors.
    [Theory]
    [InlineData("alarmEmail", "not-an-address")]
    [InlineData("alarmTopicArn", "ops-pager")]
    public void AlarmTarget_Invalid_FailsSynth(string key, string value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StackFixture.Synthesize(new Dictionary<string, object> { [key] = value }));
        Assert.Contains("'" + key + "'", error.Message, StringComparison.Ordinal);
    }

    // Rule: an audit row that falls back to the logs raises an alarm on the metric the functions emit (their METRICS_NAMESPACE, no dimensions).
    [Fact]
    public void AuditWriteFailed_AlarmWatchesTheFunctionsNamespace()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        var alarm = template.OfType("AWS::CloudWatch::Alarm").Single(a => a.Resource.GetProperty("Properties").TryGetProperty("MetricName", out var m) && m.GetString() == "AuditWriteFailed").Resource.GetProperty("Properties");
        var ns = alarm.GetProperty("Namespace").GetString();
        Assert.False(alarm.TryGetProperty("Dimensions", out _));
        Assert.Equal(1, alarm.GetProperty("Threshold").GetDouble());
        foreach (var function in new[] { "SendMail", "Unsubscribe", "AddContact", "MailtoUnsubscribe", "MailgunWebhook", "OutreachSend" })
        {
            Assert.Equal(ns, template.Environment(function)["METRICS_NAMESPACE"].GetString());
        }
    }

    // Rule: in us-east-1 (where CloudFront's metrics are) the distribution's 4xx and 5xx rates alarm above 1%.
    [Fact]
    public void DistributionErrorRates_AlarmAboveOnePercentInUsEast1()
    {
        var template = TemplateJson.Load(StackFixture.Synthesize(region: "us-east-1").TemplatePath);
        foreach (var name in new[] { "4xxErrorRate", "5xxErrorRate" })
        {
            var alarm = template.OfType("AWS::CloudWatch::Alarm").Single(a => a.Resource.GetProperty("Properties").TryGetProperty("MetricName", out var m) && m.GetString() == name).Resource.GetProperty("Properties");
            Assert.Equal("AWS/CloudFront", alarm.GetProperty("Namespace").GetString());
            Assert.Equal(1, alarm.GetProperty("Threshold").GetDouble());
            Assert.Equal("GreaterThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
            Assert.Contains("\"Global\"", alarm.GetProperty("Dimensions").GetRawText(), StringComparison.Ordinal);
        }
    }

    // Rule: one dashboard, with the functions, the API, the audit fallbacks and the distribution.
    [Fact]
    public void Dashboard_ShowsFunctionsApiAuditAndDistribution()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        var body = Assert.Single(template.OfType("AWS::CloudWatch::Dashboard")).Resource.GetProperty("Properties").GetProperty("DashboardBody").GetRawText();
        foreach (var expected in new[] { "AWS/Lambda", "Errors", "Duration", "AWS/ApiGateway", "4XXError", "5XXError", "AuditWriteFailed", "AWS/CloudFront", "4xxErrorRate", "5xxErrorRate", "CacheHitRate" })
        {
            Assert.Contains(expected, body, StringComparison.Ordinal);
        }
    }

    // Rule: the dashboard shows sends by status and unsubscribes by source from the metrics the functions emit
    // (SendMail's Sends by Status; SubscriptionChanges by Action and Source from the audit trail), in the functions' METRICS_NAMESPACE.
    [Fact]
    public void Dashboard_ShowsSendsByStatusAndUnsubscribesBySource()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        var ns = template.Environment("SendMail")["METRICS_NAMESPACE"].GetString();
        var widgets = DashboardWidgets(template);

        var sends = MetricsOf(widgets, "Sends by status (recipients)");
        Assert.Equal(["failed", "sent", "suppressed"], sends.Select(m => Dimension(m, ns!, "Sends", "Status")).Order(StringComparer.Ordinal));

        var unsubscribes = MetricsOf(widgets, "Unsubscribes by source");
        Assert.All(unsubscribes, m => Assert.Equal("unsubscribe", Dimension(m, ns!, "SubscriptionChanges", "Action")));
        Assert.Equal(["get", "mailto", "post", "webhook"], unsubscribes.Select(m => Dimension(m, ns!, "SubscriptionChanges", "Source")).Order(StringComparer.Ordinal));
    }

    /// <summary>The dashboard body's widgets: the Fn::Join's literal parts, with each token (inside a JSON string) as TOKEN.</summary>
    private static List<JsonElement> DashboardWidgets(TemplateJson template)
    {
        var body = Assert.Single(template.OfType("AWS::CloudWatch::Dashboard")).Resource.GetProperty("Properties").GetProperty("DashboardBody");
        var text = body.ValueKind == JsonValueKind.String
            ? body.GetString()!
            : string.Concat(body.GetProperty("Fn::Join")[1].EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : "TOKEN"));
        return JsonDocument.Parse(text).RootElement.GetProperty("widgets").EnumerateArray().Select(w => w.Clone()).ToList();
    }

    private static List<JsonElement> MetricsOf(List<JsonElement> widgets, string title)
        => widgets.Single(w => w.GetProperty("properties").TryGetProperty("title", out var t) && t.GetString() == title).GetProperty("properties").GetProperty("metrics").EnumerateArray().ToList();

    /// <summary>A widget metric [namespace, name, dimension, value, …, {options}]: checks namespace and name, returns the dimension's value.</summary>
    private static string Dimension(JsonElement metric, string ns, string name, string dimension)
    {
        var parts = metric.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList();
        Assert.Equal(ns, parts[0]);
        Assert.Equal(name, parts[1]);
        var at = parts.IndexOf(dimension, 2);
        Assert.True(at > 0, $"{name} has no dimension {dimension}");
        return parts[at + 1];
    }
}
