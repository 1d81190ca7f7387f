using System.Text.Json;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Lambda.SNSEvents;
using CrmMail.Tests.Shared;

namespace CrmMail.Lambda.Tests.SNSEvents;

public class SNSEventTests
{
    private static readonly SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext> Serializer = new(LambdaEventsJsonContext.Default);

    private static SNSEvent Load(string name)
    {
        using var stream = File.OpenRead(TestPaths.Fixture("events", name));
        return Serializer.Deserialize<SNSEvent>(stream);
    }

    [Fact]
    public void Deserialize_DotnetSample_ReadsEveryField()
    {
        var sut = Load("sns-notification.aws-lambda-dotnet.json");

        var record = Assert.Single(sut.Records!);
        Assert.Equal("aws:sns", record.EventSource);
        Assert.Equal("1.0", record.EventVersion);
        Assert.Equal("arn:aws:sns:EXAMPLE", record.EventSubscriptionArn);
        Assert.Equal("Notification", record.Sns!.Type);
        Assert.Equal("95df01b4-ee98-5cb9-9903-4c221d41eb5e", record.Sns.MessageId);
        Assert.Equal("Hello from SNS!", record.Sns.Message);
        Assert.Equal("TestInvoke", record.Sns.Subject);
        Assert.Equal(DateTimeOffset.UnixEpoch, record.Sns.Timestamp);
        Assert.Equal("TestString", record.Sns.MessageAttributes!["Test"].Value);
        Assert.Equal("Binary", record.Sns.MessageAttributes["TestBinary"].Type);
    }

    [Fact]
    public void Deserialize_SesReceivedWrapper_MessageIsTheNotificationString()
    {
        var sut = Load("sns-wrapping-ses-received.COMPOSED.json");

        var message = Assert.Single(sut.Records!).Sns!;
        Assert.Equal(new DateTimeOffset(2015, 9, 11, 20, 32, 34, TimeSpan.Zero), message.Timestamp);
        using var notification = JsonDocument.Parse(message.Message!);
        Assert.Equal("Received", notification.RootElement.GetProperty("notificationType").GetString());
        Assert.Empty(message.MessageAttributes!);
    }
}
