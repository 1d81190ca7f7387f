using System.Text.Json;
using CrmMail.Routes;

namespace CrmMail.Infra.Tests;

/// <summary>SES event publishing in the synthesized stack: configuration sets, destinations, topic, SesEvents, streams' sets, account-health alarms.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class SesEventsStackTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    private JsonElement Destination(string set) => _template.OfType("AWS::SES::ConfigurationSetEventDestination")
        .Single(d => d.Id.StartsWith("SesEventPublishing" + set + "Events", StringComparison.Ordinal)).Resource.GetProperty("Properties").GetProperty("EventDestination");

    private static string SetId(JsonElement environmentValue) => TemplateJson.References(environmentValue).Single();

    // Rule: the tracked set publishes all ten event types, the untracked one all but Open and Click, both to the topic SesEvents subscribes to.
    [Fact]
    public void Destinations_TrackedTakesEveryTypeUntrackedAllButOpensAndClicks()
    {
        var tracked = TemplateJson.Strings(Destination("Tracked").GetProperty("MatchingEventTypes")).Order(StringComparer.Ordinal);
        var untracked = TemplateJson.Strings(Destination("Untracked").GetProperty("MatchingEventTypes")).Order(StringComparer.Ordinal);

        Assert.Equal(["bounce", "click", "complaint", "delivery", "deliveryDelay", "open", "reject", "renderingFailure", "send", "subscription"], tracked);
        Assert.Equal(["bounce", "complaint", "delivery", "deliveryDelay", "reject", "renderingFailure", "send", "subscription"], untracked);
        var topic = TemplateJson.References(Destination("Tracked").GetProperty("SnsDestination").GetProperty("TopicARN")).Single();
        var subscription = _template.OfType("AWS::SNS::Subscription").Single(s => TemplateJson.References(s.Resource.GetProperty("Properties").GetProperty("TopicArn")).Contains(topic)).Resource.GetProperty("Properties");
        Assert.Equal("lambda", subscription.GetProperty("Protocol").GetString());
        Assert.Contains(_template.Function(FunctionNames.SesEvents).Id, TemplateJson.References(subscription.GetProperty("Endpoint")));
    }

    // Rule: by default outreach mail goes through the tracked set and financial mail through the untracked one, for send-mail and the outreach routes alike.
    [Fact]
    public void Environment_OutreachTrackedFinancialUntrackedByDefault()
    {
        foreach (var function in new[] { FunctionNames.SendMail, FunctionNames.OutreachSend })
        {
            var environment = _template.Environment(function);
            Assert.StartsWith("SesEventPublishingTracked", SetId(environment["SES_CONFIGURATION_SET_OUTREACH"]), StringComparison.Ordinal);
            Assert.StartsWith("SesEventPublishingUntracked", SetId(environment["SES_CONFIGURATION_SET_FINANCIAL"]), StringComparison.Ordinal);
        }
    }

    // Rule: the context switches move a stream to the other set.
    [Fact]
    public void Environment_SwitchesFlipTheStreamsSets()
    {
        var flipped = TemplateJson.Load(StackFixture.Synthesize(new Dictionary<string, object> { ["sesTrackOutreach"] = "false", ["sesTrackFinancial"] = "true" }, "CrmMailSesTracking").TemplatePath);

        var environment = flipped.Environment(FunctionNames.SendMail);
        Assert.StartsWith("SesEventPublishingUntracked", SetId(environment["SES_CONFIGURATION_SET_OUTREACH"]), StringComparison.Ordinal);
        Assert.StartsWith("SesEventPublishingTracked", SetId(environment["SES_CONFIGURATION_SET_FINANCIAL"]), StringComparison.Ordinal);
    }

    // Rule: account health alarms: SES's reputation bounce rate over 5% and complaint rate over 0.1%, to the alarm topic; reputation metrics are on in both sets.
    [Theory]
    [InlineData("Reputation.BounceRate", 0.05)]
    [InlineData("Reputation.ComplaintRate", 0.001)]
    public void Alarms_AccountHealthThresholds(string metric, double threshold)
    {
        var alarm = _template.OfType("AWS::CloudWatch::Alarm").Single(a => a.Resource.GetProperty("Properties").TryGetProperty("MetricName", out var m) && m.GetString() == metric).Resource.GetProperty("Properties");

        Assert.Equal("AWS/SES", alarm.GetProperty("Namespace").GetString());
        Assert.Equal(threshold, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal("GreaterThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
        Assert.All(_template.OfType("AWS::SES::ConfigurationSet"), s => Assert.True(s.Resource.GetProperty("Properties").GetProperty("ReputationOptions").GetProperty("ReputationMetricsEnabled").GetBoolean()));
    }

    // Rule: only SES, from this account's configuration sets, may publish to the events topic.
    [Fact]
    public void Topic_OnlySesOfThisAccountPublishes()
    {
        var policy = _template.OfType("AWS::SNS::TopicPolicy").Single(p => p.Id.StartsWith("SesEventPublishingTopic", StringComparison.Ordinal)).Resource.GetProperty("Properties").GetProperty("PolicyDocument");
        var allow = policy.GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Effect").GetString() == "Allow");

        Assert.Equal("ses.amazonaws.com", allow.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.True(allow.GetProperty("Condition").GetProperty("StringEquals").TryGetProperty("aws:SourceAccount", out _));
    }
}
