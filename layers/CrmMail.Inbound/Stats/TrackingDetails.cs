using System.Globalization;
using System.Text.RegularExpressions;
using CrmMail.Inbound.Events;

namespace CrmMail.Inbound.Stats;

/// <summary>
/// The CRM's three optional objects of a tracking event (<c>deliveryStatus</c>, <c>clientInfo</c>,
/// <c>geolocation</c>), read from the details both providers store in one vocabulary:
/// <list type="bullet">
/// <item>deliveryStatus: Mailgun's <c>deliveryCode</c>/<c>deliveryMessage</c>/<c>deliveryDescription</c>;
/// SES's <c>smtpResponse</c> (Delivery) or <c>diagnosticCode</c> (Bounce, DeliveryDelay), whose
/// first three-digit number is the SMTP code, described by the bounce type.</item>
/// <item>clientInfo: Mailgun's <c>clientName</c>/<c>clientOs</c>/<c>deviceType</c>; the
/// <c>userAgent</c> of either (SES reports only the user agent, and the suite does not guess a
/// client from it).</item>
/// <item>geolocation: Mailgun's <c>country</c>/<c>region</c>/<c>city</c>; SES publishes an IP
/// address only, which the suite neither stores nor resolves.</item>
/// </list>
/// Null when the event carries none of an object's fields.
/// </summary>
public static partial class TrackingDetails
{
    /// <summary>The SMTP outcome of <paramref name="deliveryEvent"/>, or null.</summary>
    public static DeliveryStatus? DeliveryStatusOf(DeliveryEvent deliveryEvent)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        var details = deliveryEvent.Details;
        var message = details.GetValueOrDefault("deliveryMessage") ?? details.GetValueOrDefault("smtpResponse") ?? details.GetValueOrDefault("diagnosticCode");
        int? code = int.TryParse(details.GetValueOrDefault("deliveryCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var given) ? given
            : message is not null && SmtpCode().Match(message) is { Success: true } match ? int.Parse(match.Value, CultureInfo.InvariantCulture)
            : null;
        var description = details.GetValueOrDefault("deliveryDescription")
            ?? (details.GetValueOrDefault("bounceType") is { } type ? string.Join(' ', new[] { type, details.GetValueOrDefault("bounceSubType") }.Where(p => p is { Length: > 0 })) + " bounce" : null)
            ?? details.GetValueOrDefault("delayType");
        return code is null && message is null && description is null ? null : new DeliveryStatus(code, message, description);
    }

    /// <summary>The reading client of an open or click, or null.</summary>
    public static ClientInfo? ClientInfoOf(DeliveryEvent deliveryEvent)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        var details = deliveryEvent.Details;
        var info = new ClientInfo(details.GetValueOrDefault("clientName"), details.GetValueOrDefault("clientOs"), details.GetValueOrDefault("deviceType"), details.GetValueOrDefault("userAgent"));
        return info is { ClientName: null, ClientOs: null, DeviceType: null, UserAgent: null } ? null : info;
    }

    /// <summary>Where an open or click came from, as the provider resolved it, or null.</summary>
    public static Geolocation? GeolocationOf(DeliveryEvent deliveryEvent)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        var details = deliveryEvent.Details;
        var place = new Geolocation(details.GetValueOrDefault("country"), details.GetValueOrDefault("region"), details.GetValueOrDefault("city"));
        return place is { Country: null, Region: null, City: null } ? null : place;
    }

    // An SMTP reply code: 2xx, 4xx or 5xx standing alone ("250 2.6.0 …", "smtp; 550 5.1.1 …").
    [GeneratedRegex(@"(?<![\d.])[245]\d\d(?![\d.])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SmtpCode();
}
