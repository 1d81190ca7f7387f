using CrmMail.Inbound.Mailgun;
using CrmMail.TestSupport;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>
/// Generated malformed bodies and signatures never produce an exception, a 500 or a stack trace
/// (10,000 each). Fixed seeds: the same cases every run; a failure names seed and case.
/// </summary>
public class WebhookFuzzTests
{
    private static Gen<string> Mutations(string seed) => Gen.OneOf(
        Gen.String,
        Gen.Int[0, seed.Length - 1].SelectMany(i => Gen.Char.Select(c => string.Concat(seed.AsSpan(0, i), c.ToString(), seed.AsSpan(i + 1)))),
        Gen.Int[0, seed.Length].Select(i => seed[..i]),
        Gen.Int[0, seed.Length - 1].SelectMany(i => Gen.String.Select(s => seed.Insert(i, s))));

    [Fact]
    public void Parse_MutatedJsonAndForms_NeverThrows()
    {
        var harness = new WebhookHarness();
        var json = harness.Json("unsubscribed", "ev-1");
        const string form = "timestamp=1&token=t&signature=s&event=unsubscribed&recipient=a%40b.c&tag=outreach";
        const string multipart = "--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nx\r\n--b--\r\n";
        // Beyond "no exception": whatever is parsed comes from the body (nothing longer than it is invented).
        Mutations(json).SampleSeeded(20261130, 10_000, s => FromTheBody(WebhookBody.Parse("application/json", s), s));
        Mutations(form).SampleSeeded(20261131, 10_000, s => FromTheBody(WebhookBody.Parse("application/x-www-form-urlencoded", s), s));
        Mutations(multipart).SampleSeeded(20261132, 10_000, s => FromTheBody(WebhookBody.Parse("multipart/form-data; boundary=b", s), s));
    }

    [Fact]
    public void Check_ArbitrarySignaturesAndTimestamps_NeverThrowNorPass()
    {
        var verifier = new MailgunSignatureVerifier(WebhookHarness.Key, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)), TimeSpan.FromSeconds(300));
        Gen.Select(Gen.String, Gen.String, Gen.String).SampleSeeded(20261133, 10_000, t => verifier.Check(t.Item1, t.Item2, t.Item3) is not null);
    }

    [Fact]
    public async Task Handler_MutatedBodies_NeverAnswer500OrLeakAStackTrace()
    {
        var harness = new WebhookHarness();
        var seed = harness.Json("complained", "ev-fuzz");
        await Mutations(seed).SampleSeededAsync(20261134, 10_000, async s =>
        {
            var response = await harness.PostAsync(s);
            return response.StatusCode is 200 or 401 or 406 && !response.Body!.Contains("   at ", StringComparison.Ordinal);
        });
    }

    private static bool FromTheBody(CrmMail.Inbound.Mailgun.MailgunWebhook? webhook, string body)
        => webhook is null || (webhook.Token.Length <= body.Length && webhook.Signature.Length <= body.Length && webhook.Event.Type.Length <= body.Length);
}
