namespace CrmMail.Inbound.Mailgun;

/// <summary>A webhook call: the signature block and the event it signs.</summary>
public sealed record MailgunWebhook(string Timestamp, string Token, string Signature, MailgunEvent Event);

/// <summary>
/// The parts of Mailgun's event-data the suite uses (<paramref name="Reason"/>: a failure's reason,
/// such as <c>suppress-bounce</c>; <paramref name="Details"/>: what Mailgun reports about the reading
/// client, its place and the delivery, in the providers' shared words: <c>clientName</c>,
/// <c>clientOs</c>, <c>deviceType</c>, <c>userAgent</c>, <c>country</c>, <c>region</c>, <c>city</c>,
/// <c>deliveryDescription</c>).
/// </summary>
public sealed record MailgunEvent(
    string Id,
    string Type,
    double Timestamp,
    string? Recipient,
    string? Severity,
    IReadOnlyList<string> Tags,
    string? MessageId,
    int? DeliveryCode,
    string? DeliveryMessage,
    string? Reason = null,
    IReadOnlyDictionary<string, string>? Details = null);
