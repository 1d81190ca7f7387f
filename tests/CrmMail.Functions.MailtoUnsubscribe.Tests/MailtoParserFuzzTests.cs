using System.Text;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Inbound.Mailto;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Lambda.SNSEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.TestSupport;
using CsCheck;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>Generated malformed input never escapes as an exception (10,000 cases per parser).</summary>
public class MailtoParserFuzzTests
{
    private static readonly string Valid = SesMail.Notification(SesMail.Mime("a@example.com", "unsubscribe"));

    private static Gen<string> Mutations(string seed) => Gen.OneOf(
        Gen.String,
        Gen.Int[0, seed.Length - 1].SelectMany(i => Gen.Char.Select(c => string.Concat(seed.AsSpan(0, i), c.ToString(), seed.AsSpan(i + 1)))),
        Gen.Int[0, seed.Length].Select(i => seed[..i]),
        Gen.Int[0, seed.Length - 1].SelectMany(i => Gen.String.Select(s => seed.Insert(i, s))));

    [Fact]
    public void Parse_MutatedNotifications_NeverThrow()
        => Mutations(Valid).Sample(s => { MailtoParser.Parse(s, 150 * 1024); }, iter: 10_000);

    [Fact]
    public void Parse_MutatedMimeContent_NeverThrows()
    {
        var mime = SesMail.Mime("a@example.com", "Re: unsubscribe abc", "body");
        Mutations(mime).Sample(m =>
        {
            MailtoParser.Parse(SesMail.Notification(m, base64: false), 150 * 1024);
            MailtoParser.Parse(SesMail.Notification(m, base64: true), 150 * 1024);
        }, iter: 10_000);
    }

    [Fact]
    public void Deserialize_MutatedSnsRecords_FailOnlyAsJsonErrorsThatLambdaReports()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<MailtoJsonContext>(MailtoJsonContext.Default);
        var seed = File.ReadAllText(CrmMail.Tests.Shared.TestPaths.Fixture("events", "sns-wrapping-ses-received.COMPOSED.json"));
        Mutations(seed).Sample(s =>
        {
            try
            {
                serializer.Deserialize<SNSEvent>(new MemoryStream(Encoding.UTF8.GetBytes(s)));
            }
            catch (System.Text.Json.JsonException)
            {
                // Malformed events fail deserialisation in the runtime layer, reported to /error.
            }
        }, iter: 10_000);
    }

    [Fact]
    public async Task Handler_MutatedNotifications_NeverThrowForBadInput()
    {
        var harness = new SubscriptionHarness();
        var sut = new MailtoHandler(new MailtoUnsubscribeFlow(harness.Services.Tokens, harness.Services.Subscriptions, harness.Time), harness.Services.Hasher, 150 * 1024);
        await Mutations(Valid).SampleAsync(async s => { await sut.HandleAsync(SesMail.Event(s), new TestLambdaContext()); }, iter: 2_000);
    }
}
