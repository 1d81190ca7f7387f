using System.Text;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Inbound.Mailto;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Lambda.SNSEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.TestSupport;
using CsCheck;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>
/// Generated malformed input never escapes as an exception (10,000 cases per parser). Fixed
/// seeds: the same cases every run; a failure names seed and case.
/// </summary>
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
        => Mutations(Valid).SampleSeeded(20261140, 10_000, s =>
        {
            // Beyond "no exception": parsing is a pure function of its input.
            return MailtoParser.Parse(s, 150 * 1024).ToString() == MailtoParser.Parse(s, 150 * 1024).ToString();
        });

    [Fact]
    public void Parse_MutatedMimeContent_NeverThrows()
    {
        var mime = SesMail.Mime("a@example.com", "Re: unsubscribe abc", "body");
        Mutations(mime).SampleSeeded(20261141, 10_000, m =>
        {
            MailtoParser.Parse(SesMail.Notification(m, base64: false), 150 * 1024);
            MailtoParser.Parse(SesMail.Notification(m, base64: true), 150 * 1024);
            return true;
        });
    }

    [Fact]
    public void Deserialize_MutatedSnsRecords_FailOnlyAsJsonErrorsThatLambdaReports()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<MailtoJsonContext>(MailtoJsonContext.Default);
        var seed = File.ReadAllText(CrmMail.Tests.Shared.TestPaths.Fixture("events", "sns-wrapping-ses-received.COMPOSED.json"));
        Mutations(seed).SampleSeeded(20261142, 10_000, s =>
        {
            try
            {
                serializer.Deserialize<SNSEvent>(new MemoryStream(Encoding.UTF8.GetBytes(s)));
            }
            catch (System.Text.Json.JsonException)
            {
                // Malformed events fail deserialisation in the runtime layer, reported to /error.
            }

            return true;
        });
    }

    [Fact]
    public async Task Handler_MutatedNotifications_NeverThrowForBadInput()
    {
        var harness = new SubscriptionHarness();
        var sut = new MailtoHandler(new MailtoUnsubscribeFlow(harness.Services.Tokens, harness.Services.Subscriptions, harness.Time), harness.Services.Hasher, 150 * 1024);
        // Beyond "no exception": one notification changes at most one contact.
        await Mutations(Valid).SampleSeededAsync(20261143, 2_000, async s => (await sut.HandleAsync(SesMail.Event(s), new TestLambdaContext())).Applied <= 1);
    }
}
