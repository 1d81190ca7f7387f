using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmMail.Mail.Composition;
using CrmMail.Signing;
using CrmMail.Subscriptions;

namespace CrmMail.Mail.Transport;

/// <summary>
/// Sends through Mailgun's <c>POST /v3/{domain}/messages</c>: form fields from, to, subject,
/// text, html, <c>h:</c> headers and <c>o:tag</c> (Mailgun keeps at most 3: campaign, campaign
/// type and the <see cref="StreamTag"/> marker), Basic auth
/// <c>api:&lt;key&gt;</c>. Nothing goes into <c>v:</c> variables: recipients can see them, and
/// tokens and addresses must not leak there. 429 and 5xx are retried with back-off.
/// </summary>
public sealed class MailgunTransport(HttpClient http, MailgunOptions options, Func<CancellationToken, Task<string>> apiKey, int maxAttempts = 4) : IMailTransport
{
    private static readonly string[] TagOrder = ["campaign", "campaign-type", "stream"];

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = await apiKey(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, $"/v3/{Uri.EscapeDataString(options.Domain)}/messages"))
                {
                    Content = new FormUrlEncodedContent(Fields(message)),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("api:" + key)));
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return SendOutcome.Accepted(MessageId(body) ?? throw new DependencyUnavailableException("Mailgun answered without an id."));
                }

                var status = (int)response.StatusCode;
                failure = $"mailgun:HTTP {status}";
                if (status is not (429 or >= 500))
                {
                    return SendOutcome.Failed(failure);
                }
            }
            catch (HttpRequestException exception)
            {
                failure = "mailgun:" + exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "mailgun:timeout";
            }

            if (attempt >= maxAttempts || started.Elapsed > TimeSpan.FromSeconds(6))
            {
                return SendOutcome.Failed(failure);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100 << attempt)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The form fields, in order (exposed for exact-field tests).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Fields(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new("from", message.From);
        yield return new("to", message.To);
        yield return new("subject", message.Subject);
        yield return new("text", message.Text);
        yield return new("html", message.Html);
        if (message.ReplyTo is not null)
        {
            yield return new("h:Reply-To", message.ReplyTo);
        }

        foreach (var header in message.Headers)
        {
            yield return new("h:" + header.Name, header.Value);
        }

        // Mailgun keeps three tags per message; the recipient hash is left out (it would be the
        // fourth, and Mailgun's events already carry the recipient). Mailgun tags are bare
        // strings, so the stream goes as its own marker (stream:financial), the only tag the
        // webhook reads; every other tag is sanitised again here, so none can carry the colon
        // that would forge a marker.
        foreach (var name in TagOrder)
        {
            if (message.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                yield return new("o:tag", name == "stream" ? StreamTag.For(tag.Value) : MailgunTag(tag.Value));
            }
        }
    }

    // Mailgun's tags are ASCII, at most 128 characters.
    private static string MailgunTag(string value)
    {
        var sanitized = MessageComposer.SanitizeTag(value);
        return sanitized.Length <= 128 ? sanitized : sanitized[..128];
    }

    private static string? MessageId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
