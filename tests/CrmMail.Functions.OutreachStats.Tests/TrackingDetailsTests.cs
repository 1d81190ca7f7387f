using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;

namespace CrmMail.Functions.OutreachStats.Tests;

/// <summary>The CRM's deliveryStatus, clientInfo and geolocation objects, drawn from either provider's details.</summary>
public sealed class TrackingDetailsTests
{
    private static DeliveryEvent With(string provider, params (string Name, string Value)[] details)
        => new(provider, "e1", DeliveryEventKinds.Delivered, DateTimeOffset.UnixEpoch, "m1", "hash", "c", null, details.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal));

    // Rule: SES's SMTP response gives the code (the first standing three-digit number) and the message.
    [Fact]
    public void DeliveryStatusOf_SesDelivery_CodeFromTheSmtpResponse()
    {
        var status = TrackingDetails.DeliveryStatusOf(With("ses", ("smtpResponse", "250 2.6.0 Message received")));

        Assert.Equal(new DeliveryStatus(250, "250 2.6.0 Message received", null), status);
    }

    // Rule: a bounce's diagnostic code gives the SMTP code (not the enhanced status 5.1.1), described by its bounce type.
    [Fact]
    public void DeliveryStatusOf_SesBounce_DiagnosticCodeAndBounceType()
    {
        var status = TrackingDetails.DeliveryStatusOf(With("ses", ("diagnosticCode", "smtp; 5.1.1 <[address]>: 550 user unknown"), ("bounceType", "Permanent"), ("bounceSubType", "General")));

        Assert.Equal(550, status!.Code);
        Assert.Equal("Permanent General bounce", status.Description);
    }

    // Rule: Mailgun's own code wins over any number in its message.
    [Fact]
    public void DeliveryStatusOf_MailgunCode_TakenAsGiven()
    {
        var status = TrackingDetails.DeliveryStatusOf(With("mailgun", ("deliveryCode", "421"), ("deliveryMessage", "250 queued earlier"), ("deliveryDescription", "try later")));

        Assert.Equal(new DeliveryStatus(421, "250 queued earlier", "try later"), status);
    }

    // Rule: an event without any of an object's fields has no such object (the CRM shows none rather than an empty one).
    [Fact]
    public void Objects_NoFields_AreNull()
    {
        var bare = With("ses", ("eventType", "Send"));

        Assert.Null(TrackingDetails.DeliveryStatusOf(bare));
        Assert.Null(TrackingDetails.ClientInfoOf(bare));
        Assert.Null(TrackingDetails.GeolocationOf(bare));
    }

    // Rule: Mailgun's client-info and geolocation reach the CRM's clientInfo and geolocation.
    [Fact]
    public void ClientInfoAndGeolocation_MailgunOpen_AllFields()
    {
        var open = With("mailgun", ("clientName", "Gmail"), ("clientOs", "Windows"), ("deviceType", "desktop"), ("country", "US"), ("region", "CA"), ("city", "San Francisco"));

        Assert.Equal(new ClientInfo("Gmail", "Windows", "desktop", null), TrackingDetails.ClientInfoOf(open));
        Assert.Equal(new Geolocation("US", "CA", "San Francisco"), TrackingDetails.GeolocationOf(open));
    }

    // Rule: the message is the provider's own delivery message first, then SES's SMTP response, then a recipient's diagnostic code.
    [Fact]
    public void DeliveryStatusOf_SeveralMessages_TakesThemInThatOrder()
    {
        Assert.Equal("mailgun words", TrackingDetails.DeliveryStatusOf(With("mailgun", ("deliveryMessage", "mailgun words"), ("smtpResponse", "250 ok"), ("diagnosticCode", "smtp; 550 no")))!.Message);
        Assert.Equal("250 ok", TrackingDetails.DeliveryStatusOf(With("ses", ("smtpResponse", "250 ok"), ("diagnosticCode", "smtp; 550 no")))!.Message);
    }

    // Rule: a message alone (no code in it, no description) is still a status; an empty bounce subtype adds no word to the description.
    [Fact]
    public void DeliveryStatusOf_MessageOnlyOrEmptySubtype_IsAStatusWithoutGaps()
    {
        Assert.Equal(new DeliveryStatus(null, "queued", null), TrackingDetails.DeliveryStatusOf(With("ses", ("smtpResponse", "queued"))));
        Assert.Equal("Transient bounce", TrackingDetails.DeliveryStatusOf(With("ses", ("bounceType", "Transient"), ("bounceSubType", string.Empty)))!.Description);
    }
}
