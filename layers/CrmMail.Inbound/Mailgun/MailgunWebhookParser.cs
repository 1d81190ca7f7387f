using System.Globalization;
using System.Text.Json;
using CrmMail.Inbound.Events;

namespace CrmMail.Inbound.Mailgun;

/// <summary>
/// Reads a webhook: Mailgun's JSON body (<c>{"signature":{…},"event-data":{…}}</c>) or the
/// fields of the legacy urlencoded / multipart forms (decoded by the HTTP side, which knows the
/// content type). Null means the webhook can never be valid (the caller answers 406 so Mailgun
/// stops retrying). Never throws.
/// </summary>
public static class MailgunWebhookParser
{
    /// <summary>The largest body read (512 KiB): a larger one is never a webhook.</summary>
    public const int MaxBodyLength = 512 * 1024;

    /// <summary>Parses a JSON body; null when unusable (empty, over <see cref="MaxBodyLength"/>, not the shape).</summary>
    public static MailgunWebhook? ParseJson(string? body)
        => string.IsNullOrEmpty(body) || body.Length > MaxBodyLength ? null : FromJson(body);

    /// <summary>Parses the fields of a legacy form; null when a signature field or the event is missing.</summary>
    public static MailgunWebhook? ParseForm(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return FromForm(fields);
    }

    private static MailgunWebhook? FromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("signature", out var signature) || signature.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("event-data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var timestamp = Text(signature, "timestamp");
            var token = Text(signature, "token");
            var sig = Text(signature, "signature");
            var id = Text(data, "id");
            var type = Text(data, "event");
            if (timestamp is null || token is null || sig is null || id is null || type is null)
            {
                return null;
            }

            var tags = data.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [];
            string? messageId = null;
            if (data.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                messageId = Text(headers, "message-id");
            }

            int? code = null;
            string? deliveryMessage = null;
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            if (data.TryGetProperty("delivery-status", out var status) && status.ValueKind == JsonValueKind.Object)
            {
                code = status.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
                deliveryMessage = Text(status, "message") ?? Text(status, "description");
                DetailText.Add(details, "deliveryDescription", Text(status, "description"));
            }

            // What the CRM's tracking screen shows of an open or click (client-info, geolocation).
            Copy(data, "client-info", details, ("client-name", "clientName"), ("client-os", "clientOs"), ("device-type", "deviceType"), ("user-agent", "userAgent"));
            Copy(data, "geolocation", details, ("country", "country"), ("region", "region"), ("city", "city"));

            var at = data.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetDouble(out var d) ? d : 0;
            return new MailgunWebhook(timestamp, token, sig, new MailgunEvent(id, type, at, Text(data, "recipient"), Text(data, "severity"), tags, messageId, code, deliveryMessage, Text(data, "reason"), details));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MailgunWebhook? FromForm(IReadOnlyDictionary<string, string> fields)
    {
        string? Get(string name) => fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var timestamp = Get("timestamp");
        var token = Get("token");
        var signature = Get("signature");
        var type = Get("event");
        if (timestamp is null || token is null || signature is null || type is null)
        {
            return null;
        }

        // Legacy forms carry no event id; the signed token is unique per call.
        var tags = new[] { Get("tag"), Get("X-Mailgun-Tag") }.Where(t => t is not null).Select(t => t!).ToList();
        var at = double.TryParse(timestamp, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
        return new MailgunWebhook(timestamp, token, signature, new MailgunEvent(
            Get("id") ?? "legacy-" + token, type, at, Get("recipient"), Get("severity"), tags, Get("message-id") ?? Get("Message-Id"),
            int.TryParse(Get("code"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null, Get("error") ?? Get("description"), Get("reason")));
    }

    private static void Copy(JsonElement data, string objectName, Dictionary<string, string> details, params (string From, string To)[] fields)
    {
        if (!data.TryGetProperty(objectName, out var source) || source.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var (from, to) in fields)
        {
            DetailText.Add(details, to, Text(source, from));
        }
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
