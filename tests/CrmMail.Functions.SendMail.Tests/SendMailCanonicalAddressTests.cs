using System.Text.Json;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>One identity per address on the send path: the gate, the token and the hash use the canonical key.</summary>
public class SendMailCanonicalAddressTests
{
    private static string Body(string to) => """{"to":["TO"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""".Replace("TO", to, StringComparison.Ordinal);

    private static string Status(CrmMail.Lambda.APIGatewayEvents.APIGatewayProxyResponse response)
        => JsonDocument.Parse(response.Body!).RootElement.GetProperty("results")[0].GetProperty("status").GetString()!;

    // Rule: after Casey@example.com unsubscribes, a send to any case of the address is suppressed.
    [Theory]
    [InlineData("casey@example.com")]
    [InlineData("CASEY@EXAMPLE.COM")]
    [InlineData("Casey@Example.com")]
    public async Task Post_RecipientSpelledInAnotherCase_IsSuppressed(string to)
    {
        var sut = new SendMailHarness();
        await sut.Subscriptions.Services.Subscriptions.UnsubscribeAsync("Casey@example.com", Topics.Outreach, new AuditContext { EventId = "u", Source = AuditSource.Get }, default);

        var response = await sut.PostAsync(Body(to));

        Assert.Equal("suppressed", Status(response));
        Assert.Empty(sut.Recording.Sent);
    }

    // Rule: an IDN address unsubscribed in its Unicode spelling is suppressed in its punycode
    // spelling (and the other way round), whatever the case of its non-ASCII letters.
    [Theory]
    [InlineData("kaeufer@BÜCHER.example", "kaeufer@xn--bcher-kva.example")]
    [InlineData("Kaeufer@xn--bcher-kva.example", "kaeufer@bücher.example")]
    public async Task Post_IdnRecipientUnsubscribedInTheOtherSpelling_IsSuppressed(string unsubscribed, string to)
    {
        var sut = new SendMailHarness();
        await sut.Subscriptions.Services.Subscriptions.UnsubscribeAsync(unsubscribed, null, new AuditContext { EventId = "u", Source = AuditSource.Mailto }, default);

        var response = await sut.PostAsync(Body(to));

        Assert.Equal("suppressed", Status(response));
        Assert.Equal("kaeufer@xn--bcher-kva.example", sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Suppress).Email);
    }

    // Rule: the message goes to the address as given (domain in ASCII), its token names the
    // canonical contact, and an upper-case IDN domain is the same domain, not another one.
    [Fact]
    public async Task Post_MixedCaseIdnRecipient_SentToTheSameDomainWithACanonicalToken()
    {
        var sut = new SendMailHarness();

        var response = await sut.PostAsync(Body("Kaeufer@BÜCHER.example"));

        Assert.Equal("sent", Status(response));
        var message = Assert.Single(sut.Recording.Sent);
        Assert.Equal("Kaeufer@xn--bcher-kva.example", message.To);
        var header = message.Headers.Single(h => h.Name == "List-Unsubscribe").Value;
        var token = header[(header.IndexOf("data=", StringComparison.Ordinal) + 5)..header.IndexOf('>', StringComparison.Ordinal)];
        var opened = await sut.Subscriptions.Services.Tokens.OpenAsync(token, TokenPurpose.Unsubscribe, default);
        Assert.Equal("kaeufer@xn--bcher-kva.example", opened.Payload!.Email);
        Assert.Equal(sut.Subscriptions.Services.Hasher.Hash("kaeufer@bücher.example"), message.Tags.Single(t => t.Name == "recipient").Value);
    }
}
