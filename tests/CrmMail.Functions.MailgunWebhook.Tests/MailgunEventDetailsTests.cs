using CrmMail.Inbound.Mailgun;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>What Mailgun reports about an event beyond its kind, as the CRM's tracking screen shows it.</summary>
public class MailgunEventDetailsTests
{
    // Rule: client-info, geolocation and delivery-status reach the shared details in the providers' words, and an address quoted by the receiving server is masked before it can be stored.
    [Fact]
    public void ParseJson_ClientGeolocationAndDeliveryStatus_KeptWithTheAddressMasked()
    {
        const string body = """
            {"signature":{"timestamp":"1800000000","token":"t","signature":"s"},
             "event-data":{"id":"e1","event":"failed","timestamp":1800000000.5,"recipient":"payee@example.com","severity":"permanent",
              "delivery-status":{"code":550,"message":"5.1.1 <payee@example.com>: user unknown","description":"mailbox does not exist"},
              "client-info":{"client-name":"Gmail","client-os":"Windows","device-type":"desktop","user-agent":"Mozilla/5.0"},
              "geolocation":{"country":"US","region":"CA","city":"San Francisco"}}}
            """;

        var webhook = MailgunWebhookParser.ParseJson(body);
        var shared = MailgunDeliveryEvent.From(webhook!.Event, "hash1");

        Assert.Equal("550", shared.Details["deliveryCode"]);
        Assert.Equal("5.1.1 <[address]>: user unknown", shared.Details["deliveryMessage"]);
        Assert.Equal("mailbox does not exist", shared.Details["deliveryDescription"]);
        Assert.Equal("Gmail", shared.Details["clientName"]);
        Assert.Equal("desktop", shared.Details["deviceType"]);
        Assert.Equal("Mozilla/5.0", shared.Details["userAgent"]);
        Assert.Equal("San Francisco", shared.Details["city"]);
        Assert.DoesNotContain(shared.Details.Values, v => v.Contains("payee@", StringComparison.Ordinal));
    }
}
