using CrmMail.Inbound.Mailgun;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class WebhookComposition
{
    public static WebhookHandler Build(WebhookSettings settings, WebhookPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var flow = new MailgunWebhookFlow(
            new MailgunSignatureVerifier(ports.SigningKey, ports.Time, settings.MaxAge),
            ports.Replay,
            ports.Events,
            ports.Services.Subscriptions,
            ports.Services.Hasher,
            ports.Counters);
        return new WebhookHandler(flow, ports.Time);
    }
}
