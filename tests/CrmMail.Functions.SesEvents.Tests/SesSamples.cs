using System.Text.Json.Nodes;
using CrmMail.Lambda.SNSEvents;

namespace CrmMail.Functions.SesEvents.Tests;

/// <summary>The published SES samples (Fixtures/), the send path's tags added where a test needs them, wrapped as Lambda receives them from SNS.</summary>
internal static class SesSamples
{
    public const string Recipient = "recipient@example.com";

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"));

    /// <summary>The sample with the tags our send path writes (campaign, stream) and, optionally, fields changed.</summary>
    public static string Tagged(string name, string campaign = "spring-news", string stream = "outreach", Action<JsonObject>? change = null)
    {
        var root = JsonNode.Parse(Read(name))!.AsObject();
        var tags = root["mail"]!["tags"]?.AsObject() ?? [];
        tags["campaign"] = new JsonArray(campaign);
        tags["stream"] = new JsonArray(stream);
        root["mail"]!["tags"] = tags.DeepClone();
        change?.Invoke(root);
        return root.ToJsonString();
    }

    /// <summary>The Subscription sample with the given new and old topic lists (JSON arrays) and event time.</summary>
    public static string Subscription(string newTopics, string oldTopics, string at = "2022-01-12T01:00:17.910Z") => Tagged("subscription", change: root =>
    {
        root["subscription"]!["timestamp"] = at;
        root["subscription"]!["newTopicPreferences"] = JsonNode.Parse($$"""{"unsubscribeAll":false,"topicSubscriptionStatus":{{newTopics}}}""");
        root["subscription"]!["oldTopicPreferences"] = JsonNode.Parse($$"""{"unsubscribeAll":false,"topicSubscriptionStatus":{{oldTopics}}}""");
    });

    public static SNSEvent Wrap(params string[] messages) => new()
    {
        Records = messages.Select((m, i) => new SNSRecord
        {
            EventSource = "aws:sns",
            EventSubscriptionArn = "arn:aws:sns:us-east-1:123456789012:ses-events:sub",
            Sns = new SNSMessage { Type = "Notification", MessageId = "sns-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), TopicArn = "arn:aws:sns:us-east-1:123456789012:ses-events", Message = m },
        }).ToList(),
    };
}
