using System.Globalization;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using CsCheck;
using Xunit.Abstractions;

namespace CrmMail.Subscriptions.Tests;

/// <summary>
/// One identity per address: whatever the case of either part, and whether the domain is spelled
/// in Unicode or in punycode, an address is one contact on every path.
/// </summary>
public sealed class CanonicalIdentityPropertyTests(ITestOutputHelper output)
{
    // Fixed so a failure reproduces exactly; printed with every run.
    private const string Seed = "0000000000001";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };
    private static readonly string[] Domains = ["example.com", "bücher.example", "münchen.de", "пример.рф", "例え.jp", "ñandú.example"];

    private enum Path
    {
        Link = 0,
        OldToken = 1,
        Mailto = 2,
        Webhook = 3,
        GateFirst = 4,
    }

    private static Gen<string> Local { get; } = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 12].Select(c => new string(c))
        .SelectMany(l => Gen.Int[0, 2].Select(k => k switch { 0 => l, 1 => l + ".x", _ => l + "+tag" }));

    // A spelling of local@domain: every letter's case chosen at random, the domain in Unicode or punycode.
    private static Gen<string> Spelling(string local, string domain)
        => Gen.Select(Gen.Bool.Array[local.Length], Gen.Bool, Gen.Bool.Array[64]).Select(t =>
        {
            var form = t.Item2 ? Idn.GetAscii(domain) : domain;
            return Flip(local, t.Item1) + "@" + Flip(form, t.Item3);
        });

    // Rule: any case or IDN spelling of an unsubscribed address is suppressed by the send gate
    // and is the same contact (key, audit rows, hash, resubscribe) on every path.
    [Fact]
    public async Task AnySpelling_UnsubscribedOnAnyPath_IsOneContactSuppressedEverywhere()
    {
        output.WriteLine("CsCheck seed: " + Seed);
        var cases = Gen.Select(Local, Gen.Int[0, Domains.Length - 1].Select(i => Domains[i]), Gen.Enum<Path>(), Gen.Bool.Select(b => b ? Topics.Financial : Topics.Outreach))
            .SelectMany(t => Gen.Select(Spelling(t.Item1, t.Item2), Spelling(t.Item1, t.Item2), Spelling(t.Item1, t.Item2))
                .Select(s => (Canonical: t.Item1 + "@" + Idn.GetAscii(t.Item2), Path: t.Item3, Topic: t.Item4, Unsubscribe: s.Item1, Other: s.Item2, Send: s.Item3)));

        await cases.SampleAsync(
            async ((string Canonical, Path Path, string Topic, string Unsubscribe, string Other, string Send) c) =>
            {
                var harness = new SubscriptionHarness();
                var services = harness.Services;
                var context = new AuditContext { EventId = "e", Source = AuditSource.Get };
                switch (c.Path)
                {
                    case Path.Link or Path.OldToken:
                        // A token sealed for any spelling (old tokens were) acts on the canonical contact.
                        var token = await harness.TokenAsync(c.Path == Path.Link ? EmailAddress.Normalize(c.Unsubscribe) : c.Unsubscribe, c.Topic);
                        var outcome = await new UnsubscribeFlow(services.Tokens, services.Subscriptions, harness.Time).RunAsync(token, c.Topic, apply: true, context, default);
                        if (outcome.Status != UnsubscribeStatus.Unsubscribed || outcome.Email != c.Canonical)
                        {
                            return false;
                        }

                        var resubscribe = await services.Tokens.OpenAsync(outcome.ResubscribeToken, TokenPurpose.Resubscribe, default);
                        if (resubscribe.Payload?.Email != c.Canonical)
                        {
                            return false;
                        }

                        break;
                    case Path.Mailto or Path.Webhook:
                        // Both flows hand the From address or Mailgun's recipient to the service as received.
                        await services.Subscriptions.UnsubscribeAsync(c.Unsubscribe, c.Path == Path.Webhook ? null : c.Topic, context with { Source = c.Path == Path.Mailto ? AuditSource.Mailto : AuditSource.Webhook }, default);
                        break;
                    case Path.GateFirst:
                        await services.Subscriptions.IsSubscribedAsync(c.Other, c.Topic, context with { Source = AuditSource.SendGate }, default);
                        await services.Subscriptions.UnsubscribeAsync(c.Unsubscribe, c.Topic, context with { EventId = "e2" }, default);
                        break;
                }

                var suppressed = !await services.Subscriptions.IsSubscribedAsync(c.Send, c.Topic, context with { EventId = "gate", Source = AuditSource.SendGate }, default);
                var oneContact = harness.Contacts[c.Canonical] is not null
                    && new[] { c.Unsubscribe, c.Other, c.Send }.All(s => s == c.Canonical || harness.Contacts[s] is null);
                var keys = harness.Audit.Rows.All(r => r.Email == c.Canonical);
                var hashes = services.Hasher.Hash(c.Unsubscribe) == services.Hasher.Hash(c.Send) && services.Hasher.Hash(c.Other) == services.Hasher.Hash(c.Canonical);
                await services.Subscriptions.ResubscribeAsync(c.Other, [c.Topic], context with { EventId = "again", Source = AuditSource.AddContact }, default);
                var resubscribed = await services.Subscriptions.IsSubscribedAsync(c.Send, c.Topic, context with { EventId = "gate2", Source = AuditSource.SendGate }, default);
                return suppressed && oneContact && keys && hashes && resubscribed;
            },
            seed: Seed,
            iter: 300,
            threads: 1);
    }

    private static string Flip(string text, bool[] upper)
        => string.Concat(text.Select((ch, i) => i < upper.Length && upper[i] ? char.ToUpperInvariant(ch) : ch));
}
