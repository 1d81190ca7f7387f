using CrmMail.Inbound.Mailgun;
using CsCheck;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>Generated malformed bodies and signatures never produce an exception, a 500 or a stack trace (10,000 each).</summary>
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
        Mutations(json).Sample(s => { MailgunWebhookParser.Parse("application/json", s); }, iter: 10_000);
        Mutations(form).Sample(s => { MailgunWebhookParser.Parse("application/x-www-form-urlencoded", s); }, iter: 10_000);
        Mutations(multipart).Sample(s => { MailgunWebhookParser.Parse("multipart/form-data; boundary=b", s); }, iter: 10_000);
    }

    [Fact]
    public void Check_ArbitrarySignaturesAndTimestamps_NeverThrowNorPass()
    {
        var verifier = new MailgunSignatureVerifier(WebhookHarness.Key, TimeProvider.System, TimeSpan.FromSeconds(300));
        Gen.Select(Gen.String, Gen.String, Gen.String).Sample(t => verifier.Check(t.Item1, t.Item2, t.Item3) is not null, iter: 10_000);
    }

    [Fact]
    public async Task Handler_MutatedBodies_NeverAnswer500OrLeakAStackTrace()
    {
        var harness = new WebhookHarness();
        var seed = harness.Json("complained", "ev-fuzz");
        await Mutations(seed).SampleAsync(async s =>
        {
            var response = await harness.PostAsync(s);
            return response.StatusCode is 200 or 401 or 406 && !response.Body!.Contains("   at ", StringComparison.Ordinal);
        }, iter: 10_000);
    }
}
